// Decorated payload classes need the Reflect metadata API before they are defined.
import 'reflect-metadata';
import type { EventEnvelope } from './envelope';
import type { TopicDefinition } from './topics';

/**
 * One definition per event: name, schema version, topic, partition key and the payload class whose
 * class-validator rules are its runtime validator. Producers and consumers import the same object.
 */
export interface EventContract<P extends object = object> {
  readonly type: string;
  readonly version: number;
  readonly topic: TopicDefinition;
  readonly payload: new () => P;
  /** Partition key: events that must stay in order share a key. */
  readonly key: (event: EventEnvelope<P>) => string;
  readonly summary: string;
}

export function defineEvent<P extends object>(contract: EventContract<P>): EventContract<P> {
  return Object.freeze(contract);
}

export type PayloadOf<C> = C extends EventContract<infer P> ? P : never;

/** A fully typed event of a given contract. */
export type EventOf<C> = EventEnvelope<PayloadOf<C>>;
