import type { EventContract, EventEnvelope } from '@trialstream/contracts';
import type { EntityManager } from 'typeorm';

/**
 * Handles one event type. It runs inside the transaction that records the event as processed, so
 * its writes (and any events it enqueues in the outbox) happen exactly once per eventId.
 */
export interface EventHandler<P extends object = object> {
  readonly contract: EventContract<P>;
  handle(event: EventEnvelope<P>, tx: EntityManager): Promise<void>;
}

/** A handler of some event type; the consumer picks it by the event's type and version at run time. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyEventHandler = EventHandler<any>;
