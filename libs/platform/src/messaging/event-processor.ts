import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import { PrerequisiteMissingError, RuleViolationError, type EventEnvelope } from '@trialstream/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { AUDIT_CONTEXT_SETTER, auditContextValue, setAuditContext } from '../audit/audit-context';
import { runWithCorrelation, type CorrelationContext } from '../context/correlation';
import type { ServiceMetrics } from '../metrics/metrics';
import { readMessage, type ConsumedMessage, type Reading, type RegisteredHandlers } from './consumed-message';
import type { DeadLetter, DeadLetterer } from './dead-letterer';
import type { Outbox } from './outbox';
import { parkingKey, parkingKeyOf, type ParkedEvent, type ParkedEvents } from './parked-events';

export interface ProcessorSettings {
  consumerGroup: string;
  maxAttempts: number;
  retryBackoffMs: number;
  /** No wait between attempts is longer than this (the consumer keeps heartbeating meanwhile). */
  maxRetryBackoffMs: number;
  /** How long a parked message may wait for its prerequisite before it is dead-lettered. */
  parkTimeoutMs: number;
}

type Outcome = 'handled' | 'duplicate' | 'ignored' | 'parked' | 'dead_lettered';

interface Read {
  message: ConsumedMessage;
  reading: Reading;
}

type HandledEvent = Read & { reading: Extract<Reading, { kind: 'event' }> };

const keyOf = (message: ConsumedMessage) => message.key?.toString() ?? '';
const isEvent = (read: Read): read is HandledEvent => read.reading.kind === 'event';

/**
 * Gives each consumed event exactly one effect: the processed-event ledger row, the handler's writes
 * and the events it enqueues commit in one transaction. A fetched batch (of one partition, or small
 * ones of several) is handled in one transaction when every message in it succeeds; if any fails,
 * it is rolled back and handled a partition and then a message at a time, so a poison message never
 * takes the others down.
 */
export class EventProcessor {
  private readonly logger = new Logger('EventProcessor');

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly deadLetters: DeadLetterer,
    private readonly parking: ParkedEvents,
    private readonly metrics: ServiceMetrics,
    private readonly settings: ProcessorSettings,
    private readonly handlers: ReadonlyMap<string, RegisteredHandlers>,
  ) {
    this.handledTypes = new Set([...handlers.values()].map((h) => h.contract.type));
  }

  private readonly handledTypes: ReadonlySet<string>;

  /**
   * Batches of different partitions, each in offset order: all in one transaction if every message
   * succeeds; if not, each batch in its own, and a failing batch one message at a time once the
   * others are done (its retries hold back no other partition). Resolves when each message is
   * handled, parked or dead-lettered.
   */
  async processBatches(batches: ConsumedMessage[][], heartbeat: () => Promise<void>, stopping: () => boolean): Promise<void> {
    const reads = batches.map((messages) => messages.map((message) => ({ message, reading: readMessage(message, this.handlers, this.handledTypes) })));
    if (reads.length > 1 && (await this.inOneTransaction(reads.flat()))) return;
    const failed: Read[][] = [];
    for (const batch of reads) {
      if (!(await this.inOneTransaction(batch))) failed.push(batch);
    }
    for (const batch of failed) {
      for (const read of batch) await this.processOne(read, heartbeat, stopping);
    }
  }

  /** Tries the parked messages that are due, each before the later ones of its key; returns how many left the parking. */
  async retryParked(limit = 100): Promise<number> {
    let settled = 0;
    for (const parked of await this.parking.due(limit)) {
      if (await this.retryParkedOne(parked)) settled++;
    }
    return settled;
  }

  private async inOneTransaction(reads: Read[]): Promise<boolean> {
    const events = reads.filter(isEvent);
    const outcomes = new Map<Read, Outcome>();
    if (events.length > 0) {
      try {
        await this.dataSource.transaction(async (tx) => {
          const { parkedKeys, fresh } = await this.recordUnlessParked(tx, events);
          // That statement also set the audit context for the first event: its run need not again.
          let contextSetFor: HandledEvent | undefined = events[0];
          const invoke = (run: HandledEvent[]) => {
            const contextSet = run[0] === contextSetFor;
            if (run.length > 0) contextSetFor = undefined;
            return this.invoke(run, tx, contextSet);
          };
          this.outbox.defer(tx);
          // Consecutive events for one batch handler go to it together; every other event alone, in order.
          let run: HandledEvent[] = [];
          for (const read of events) {
            if (parkedKeys.has(parkingKeyOf(read.message))) {
              await this.parking.park(tx, read.message, 'waits behind an earlier parked event of the same key', 0);
              outcomes.set(read, 'parked');
            } else if (fresh.delete(read.reading.event.eventId)) {
              if (run.length > 0 && run[0].reading.handlers !== read.reading.handlers) run = await invoke(run);
              run.push(read);
              if (!read.reading.handlers.batch) run = await invoke(run);
              outcomes.set(read, 'handled');
            } else {
              outcomes.set(read, 'duplicate');
            }
          }
          await invoke(run);
          await this.outbox.flush(tx);
        });
      } catch (error) {
        this.logger.debug({ message: 'a batch failed; handling its messages one at a time', error: (error as Error).message });
        return false;
      }
    }
    await this.deadLetters.send(reads.flatMap(({ message, reading }) => (reading.kind === 'invalid' ? [{ message, kind: reading.failure, reason: reading.reason }] : [])));
    for (const read of reads) this.count(read.reading, outcomes.get(read) ?? (read.reading.kind === 'invalid' ? 'dead_lettered' : 'ignored'));
    return true;
  }

  private async processOne(read: Read, heartbeat: () => Promise<void>, stopping: () => boolean): Promise<void> {
    const { message, reading } = read;
    if (reading.kind === 'invalid') {
      await this.deadLetters.send([{ message, kind: reading.failure, reason: reading.reason }]);
      return this.count(reading, 'dead_lettered');
    }
    if (reading.kind === 'not-handled') return this.count(reading, 'ignored');
    if (await this.dataSource.transaction((tx) => this.parkIfKeyParked(tx, message))) return this.count(reading, 'parked');

    for (let attempt = 1; ; attempt++) {
      try {
        const handled = await this.dataSource.transaction((tx) => this.handleOnce(read as HandledEvent, tx));
        return this.count(reading, handled ? 'handled' : 'duplicate');
      } catch (error) {
        const settled = await this.settleFailure(message, error, attempt);
        if (settled) return this.count(reading, settled);
        // Leave the message uncommitted on shutdown: it is redelivered and handled once later.
        if (stopping()) throw error;
        this.logger.warn({ message: 'handler failed; retrying', eventId: reading.event.eventId, attempt, error: (error as Error).message });
        await this.waitHeartbeating(this.backoff(attempt), heartbeat);
      }
    }
  }

  /** A broken rule or a missing prerequisite settles a message at once; other failures only after the last attempt. */
  private async settleFailure(message: ConsumedMessage, error: unknown, attempt: number): Promise<Outcome | undefined> {
    if (error instanceof PrerequisiteMissingError) {
      await this.dataSource.transaction((tx) => this.parking.park(tx, message, error.message, this.settings.retryBackoffMs));
      return 'parked';
    }
    const deadLetter = this.deadLetterFor(message, error, attempt);
    if (!deadLetter) return undefined;
    await this.deadLetters.send([deadLetter]);
    return 'dead_lettered';
  }

  private deadLetterFor(message: ConsumedMessage, error: unknown, attempt: number): DeadLetter | undefined {
    const reason = (error as Error).message;
    if (error instanceof RuleViolationError) return { message, kind: 'REJECTED', reason: `rejected by the handler: ${reason}` };
    if (attempt >= this.settings.maxAttempts) return { message, kind: 'HANDLER_FAILED', reason: `handler failed after ${attempt} attempts: ${reason}` };
    return undefined;
  }

  private async retryParkedOne(parked: ParkedEvent): Promise<boolean> {
    const reading = readMessage(parked.message, this.handlers, this.handledTypes);
    if (reading.kind !== 'event') {
      // This version of the service no longer handles it, or reads it differently.
      if (reading.kind === 'invalid') await this.deadLetters.send([{ message: parked.message, kind: reading.failure, reason: reading.reason }]);
      await this.dataSource.transaction((tx) => this.parking.remove(tx, parked.id));
      this.count(reading, reading.kind === 'invalid' ? 'dead_lettered' : 'ignored');
      return true;
    }
    try {
      const handled = await this.dataSource.transaction(async (tx) => {
        if (!(await this.parking.claim(tx, parked.id))) return undefined;
        const result = await this.handleOnce({ message: parked.message, reading }, tx);
        await this.parking.remove(tx, parked.id);
        return result;
      });
      if (handled === undefined) return false;
      this.count(reading, handled ? 'handled' : 'duplicate');
      return true;
    } catch (error) {
      const waited = Date.now() - parked.parkedAt.getTime();
      const timedOut = error instanceof PrerequisiteMissingError && waited >= this.settings.parkTimeoutMs;
      const deadLetter: DeadLetter | undefined = timedOut
        ? { message: parked.message, kind: 'PREREQUISITE_MISSING', reason: `waited ${Math.round(waited / 1000)} s, still: ${(error as Error).message}` }
        : error instanceof PrerequisiteMissingError ? undefined : this.deadLetterFor(parked.message, error, parked.attempts + 1);
      if (!deadLetter) {
        await this.parking.retryLater(parked.id, (error as Error).message, this.backoff(parked.attempts + 1));
        return false;
      }
      await this.deadLetters.send([deadLetter]);
      await this.dataSource.transaction((tx) => this.parking.remove(tx, parked.id));
      this.count(reading, 'dead_lettered');
      return true;
    }
  }

  private async parkIfKeyParked(tx: EntityManager, message: ConsumedMessage): Promise<boolean> {
    if (!(await this.parking.isParked(tx, message))) return false;
    await this.parking.park(tx, message, 'waits behind an earlier parked event of the same key', 0);
    return true;
  }

  /** Returns false when the event had already been processed (a redelivery). */
  private async handleOnce(read: HandledEvent, tx: EntityManager): Promise<boolean> {
    if (!(await this.recordProcessed(tx, read.reading.event))) return false;
    await this.invoke([read], tx, true);
    return true;
  }

  /**
   * In one statement: which of the events' keys have a message parked on their topic (theirs wait
   * behind it), and ledger rows for the others; returns those parked keys (by parkingKey) and the
   * ids not processed before. It also sets the audit context for handling the first event (a round
   * trip fewer per transaction).
   */
  private async recordUnlessParked(tx: EntityManager, events: HandledEvent[]): Promise<{ parkedKeys: Set<string>; fresh: Set<string> }> {
    const rows: { parked_topic: string | null; parked_key: string | null; event_id: string | null }[] = await tx.query(
      `WITH batch AS (SELECT * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[]) AS b(event_id, event_type, topic, message_key)),
            parked AS (SELECT DISTINCT topic, message_key FROM parked_event
                        WHERE consumer_group = $1 AND (topic, message_key) IN (SELECT topic, message_key FROM batch)),
            fresh AS (INSERT INTO processed_event (consumer_group, event_id, event_type)
                      SELECT $1, event_id, event_type FROM batch WHERE (topic, message_key) NOT IN (SELECT topic, message_key FROM parked)
                      ON CONFLICT DO NOTHING RETURNING event_id)
       SELECT topic AS parked_topic, message_key AS parked_key, NULL AS event_id FROM parked
       UNION ALL SELECT NULL, NULL, event_id FROM fresh
       UNION ALL SELECT NULL, NULL, NULL FROM (SELECT ${AUDIT_CONTEXT_SETTER('$6')}) AS audit_context`,
      [
        this.settings.consumerGroup, events.map((e) => e.reading.event.eventId), events.map((e) => e.reading.event.type),
        events.map((e) => e.message.topic), events.map((e) => keyOf(e.message)), auditContextValue(handlingContext(events[0].reading.event)),
      ],
    );
    return {
      parkedKeys: new Set(rows.flatMap((r) => (r.parked_key === null || r.parked_topic === null ? [] : [parkingKey(r.parked_topic, r.parked_key)]))),
      fresh: new Set(rows.flatMap((r) => (r.event_id === null ? [] : [r.event_id]))),
    };
  }

  /** Writes the event's ledger row and sets the audit context for handling it; false when it was processed before. */
  private async recordProcessed(tx: EntityManager, event: EventEnvelope<object>): Promise<boolean> {
    const rows: { event_id: string | null }[] = await tx.query(
      `WITH fresh AS (INSERT INTO processed_event (consumer_group, event_id, event_type) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id)
       SELECT event_id FROM fresh
       UNION ALL SELECT NULL FROM (SELECT ${AUDIT_CONTEXT_SETTER('$4')}) AS audit_context`,
      [this.settings.consumerGroup, event.eventId, event.type, auditContextValue(handlingContext(event))],
    );
    return rows.some((r) => r.event_id !== null);
  }

  /** Runs the handlers of these events (all of one contract) and returns an empty run. */
  private async invoke(run: HandledEvent[], tx: EntityManager, auditContextSet = false): Promise<HandledEvent[]> {
    if (run.length === 0) return [];
    const [{ message, reading }] = run;
    const events = run.map((r) => r.reading.event);
    // One event is handled in its own correlation; a batch handler names each cause itself.
    const context = handlingContext(events[0]);
    // The audit records of what the handler changes name the producing service and this correlation.
    if (!auditContextSet) await setAuditContext(tx, context);
    await runWithCorrelation(context, () => reading.handlers.invoke(events, tx, message));
    return [];
  }

  private backoff(attempt: number): number {
    return Math.min(this.settings.retryBackoffMs * 2 ** (attempt - 1), this.settings.maxRetryBackoffMs);
  }

  /** Sleeps in slices, heartbeating between them, so a long back-off never gets the consumer evicted. */
  private async waitHeartbeating(ms: number, heartbeat: () => Promise<void>): Promise<void> {
    for (let left = ms; left > 0; left -= 1000) {
      await sleep(Math.min(left, 1000));
      await heartbeat();
    }
  }

  private count(reading: Reading, outcome: Outcome) {
    const type = reading.kind === 'event' ? reading.event.type : reading.kind === 'not-handled' ? reading.type : 'invalid';
    this.metrics.eventsConsumed.inc({ type: this.metrics.knownType(type), outcome });
  }
}

/** The correlation an event is handled in, and who the audit trail names for it: the service that produced it. */
function handlingContext(event: EventEnvelope<object>): CorrelationContext {
  return { correlationId: event.correlationId, causationId: event.eventId, actor: { subject: event.producer, role: 'service' } };
}
