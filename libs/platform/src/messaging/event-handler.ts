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

export const EVENT_HANDLERS = Symbol('EVENT_HANDLERS');
