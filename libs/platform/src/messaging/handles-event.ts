import { applyDecorators, Catch, UseFilters, type RpcExceptionFilter } from '@nestjs/common';
import { BaseRpcContext, EventPattern } from '@nestjs/microservices';
import type { EventContract, EventEnvelope } from '@trialstream/contracts';
import { throwError, type Observable } from 'rxjs';
import type { EntityManager } from 'typeorm';

/** Where a consumed event came from on Kafka. */
export interface EventSource {
  topic: string;
  partition: number;
  offset: string;
}

/**
 * What `@Ctx()` gives an event handler: the transaction that also records the event as processed
 * (write through it, and enqueue events with it, so the effects happen once per eventId) and where
 * the event (the first, for a batch handler) came from.
 */
export class EventContext extends BaseRpcContext<[EntityManager, EventSource]> {
  get transaction(): EntityManager {
    return this.args[0];
  }

  get source(): EventSource {
    return this.args[1];
  }
}

/** The message pattern of a contract: its type and version, e.g. `SubjectEnrolled@1`. */
export function eventPattern(contract: Pick<EventContract, 'type' | 'version'>): string {
  return `${contract.type}@${contract.version}`;
}

/**
 * Nest turns a handler's exception into a generic RPC error object; the transport needs the error
 * itself to tell a broken rule (dead-letter now) or a missing prerequisite (park) from a failure.
 */
@Catch()
export class KeepHandlerErrors implements RpcExceptionFilter {
  catch(error: unknown): Observable<never> {
    return throwError(() => error);
  }
}

type EventHandlerMethod<P extends object> = (event: EventEnvelope<P>, context: EventContext) => Promise<unknown>;
type EventBatchHandlerMethod<P extends object> = (events: EventEnvelope<P>[], context: EventContext) => Promise<unknown>;

type MethodDecorator<M> = (target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<M>) => void;

function declare<P extends object, M>(contract: EventContract<P>, batch: boolean): MethodDecorator<M> {
  const decorate = applyDecorators(EventPattern(eventPattern(contract), { contract, batch }), UseFilters(KeepHandlerErrors));
  return (target, key, descriptor) => decorate(target, key, descriptor);
}

/**
 * Declares a method as the handler of one event contract: `@EventPattern` with the contract as its
 * extras, so the transport knows the topic to subscribe to and the payload's validator, and the
 * method's first parameter must take that contract's event.
 *
 *   @HandlesEvent(SubjectEnrolled)
 *   planVisits(@Payload() event: EventOf<typeof SubjectEnrolled>, @Ctx() context: EventContext) { ... }
 */
export function HandlesEvent<P extends object>(contract: EventContract<P>) {
  return <M extends EventHandlerMethod<P>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<M>) =>
    declare<P, M>(contract, false)(target, key, descriptor);
}

/**
 * Like HandlesEvent, for a handler that does set-based work: it gets the consecutive events of its
 * contract in a fetched batch at once (one event when messages are handled one at a time), all in
 * one transaction. Events it enqueues name their cause explicitly (`causedBy`), since no single
 * event is being handled.
 */
export function HandlesEventBatch<P extends object>(contract: EventContract<P>) {
  return <M extends EventBatchHandlerMethod<P>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<M>) =>
    declare<P, M>(contract, true)(target, key, descriptor);
}
