import { randomUUID } from 'node:crypto';
import { instanceToPlain } from 'class-transformer';
import { copyPlainQuickly, validatePayload, type EventContract, type EventEnvelope } from '@trialstream/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { currentCorrelation } from '../context/correlation';
import { CommitFlag } from '../database/commit-flag';
import { insertRows } from '../database/insert-rows';

export interface NewEvent<P> {
  trialId: string;
  subjectId?: string;
  payload: P;
  /** The event this one answers, when several are handled at once; otherwise the work in hand gives it. */
  causedBy?: Pick<EventEnvelope, 'eventId' | 'correlationId'>;
}

/** The channel a committed outbox write notifies, so the relay wakes at once instead of polling. */
export const OUTBOX_CHANNEL = 'trialstream_outbox';

/** Set on a transaction that wrote outbox rows: the in-process relay wakes on its commit. */
export const OUTBOX_WRITTEN = new CommitFlag('trialstreamOutboxWritten');

const writerIds = new WeakMap<DataSource, string>();

/**
 * What the commit notification of an outbox write through this DataSource carries: the relay on
 * the same DataSource, woken directly at the commit, passes over its own notifications, which would
 * only send it to look again for rows it has just published.
 */
export function outboxWriterId(dataSource: DataSource): string {
  let id = writerIds.get(dataSource);
  if (!id) writerIds.set(dataSource, (id = randomUUID()));
  return id;
}

interface OutboxRow {
  eventId: string;
  type: string;
  version: number;
  correlationId: string;
  topic: string;
  key: string;
  envelope: EventEnvelope<object>;
}

/**
 * Writes events into the service's outbox inside the caller's transaction, so a state change and
 * the events it causes commit or roll back together. The relay publishes them afterwards.
 */
export class Outbox {
  private readonly deferred = new WeakMap<EntityManager, OutboxRow[]>();

  constructor(
    private readonly producer: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async enqueue<P extends object>(tx: EntityManager, contract: EventContract<P>, event: NewEvent<P>): Promise<EventEnvelope<P>> {
    // A copy, so a later change to the handler's object cannot reach the deferred insert.
    const payload = (copyPlainQuickly(event.payload) ?? instanceToPlain(event.payload)) as P;
    const check = validatePayload(contract, payload);
    if (!check.ok) {
      throw new Error(`refusing to publish an invalid ${contract.type}: ${check.reason}`);
    }
    const context = event.causedBy ? { correlationId: event.causedBy.correlationId, causationId: event.causedBy.eventId } : currentCorrelation();
    const envelope: EventEnvelope<P> = {
      eventId: randomUUID(),
      type: contract.type,
      version: contract.version,
      occurredAt: this.now().toISOString(),
      producer: this.producer,
      trialId: event.trialId,
      ...(event.subjectId ? { subjectId: event.subjectId } : {}),
      correlationId: context?.correlationId ?? randomUUID(),
      ...(context?.causationId ? { causationId: context.causationId } : {}),
      ...(context?.actor && context.actor.role !== 'service' ? { actor: { subject: context.actor.subject, role: context.actor.role } } : {}),
      payload,
    };
    const row: OutboxRow = { eventId: envelope.eventId, type: envelope.type, version: envelope.version, correlationId: envelope.correlationId, topic: contract.topic.name, key: contract.key(envelope), envelope };
    const deferred = this.deferred.get(tx);
    if (deferred) deferred.push(row);
    else await this.insert(tx, [row]);
    return envelope;
  }

  /** From now until `flush`, events enqueued through `tx` are collected and written in one statement. */
  defer(tx: EntityManager): void {
    this.deferred.set(tx, []);
  }

  async flush(tx: EntityManager): Promise<void> {
    const rows = this.deferred.get(tx) ?? [];
    this.deferred.delete(tx);
    if (rows.length > 0) await this.insert(tx, rows);
  }

  /**
   * Inserts and notifies in the same statement; PostgreSQL delivers the notification on commit, once
   * per transaction (a repeated one is folded into it). Each envelope goes as its JSON text, which the
   * json column keeps as written.
   */
  private async insert(tx: EntityManager, rows: OutboxRow[]): Promise<void> {
    await insertRows(
      tx,
      rows.map((r) => [r.eventId, r.type, r.version, r.correlationId, r.topic, r.key, JSON.stringify(r.envelope)]),
      ['uuid', '', 'int', '', '', '', 'json'],
      (values) => `WITH written AS (
         INSERT INTO outbox_message (event_id, event_type, event_version, correlation_id, topic, message_key, envelope) VALUES ${values}
       )
       SELECT pg_notify('${OUTBOX_CHANNEL}', '${outboxWriterId(tx.dataSource)}')`,
    );
    OUTBOX_WRITTEN.set(tx);
  }
}
