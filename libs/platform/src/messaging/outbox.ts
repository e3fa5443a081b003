import { randomUUID } from 'node:crypto';
import { instanceToPlain } from 'class-transformer';
import { validatePayload, type EventContract, type EventEnvelope } from '@trialstream/contracts';
import type { EntityManager } from 'typeorm';
import { currentCorrelation } from '../context/correlation';

export interface NewEvent<P> {
  trialId: string;
  subjectId?: string;
  payload: P;
}

/**
 * Writes events into the service's outbox inside the caller's transaction, so a state change and
 * the events it causes commit or roll back together. The relay publishes them afterwards.
 */
export class Outbox {
  constructor(private readonly producer: string) {}

  async enqueue<P extends object>(tx: EntityManager, contract: EventContract<P>, event: NewEvent<P>): Promise<EventEnvelope<P>> {
    const payload = instanceToPlain(event.payload) as P;
    const check = validatePayload(contract, payload);
    if (!check.ok) {
      throw new Error(`refusing to publish an invalid ${contract.type}: ${check.reason}`);
    }
    const context = currentCorrelation();
    const envelope: EventEnvelope<P> = {
      eventId: randomUUID(),
      type: contract.type,
      version: contract.version,
      occurredAt: new Date().toISOString(),
      producer: this.producer,
      trialId: event.trialId,
      ...(event.subjectId ? { subjectId: event.subjectId } : {}),
      correlationId: context?.correlationId ?? randomUUID(),
      ...(context?.causationId ? { causationId: context.causationId } : {}),
      payload,
    };
    await tx.query(
      `INSERT INTO outbox_message (event_id, event_type, topic, message_key, envelope) VALUES ($1, $2, $3, $4, $5)`,
      [envelope.eventId, envelope.type, contract.topic.name, contract.key(envelope), JSON.stringify(envelope)],
    );
    return envelope;
  }
}
