import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { eventHeaders } from '@trialstream/contracts';
import { pageOf, type Page, type PageQuery } from '../http/pagination';
import type { ServiceMetrics } from '../metrics/metrics';
import type { KafkaConnection, OutgoingMessage } from './kafka-connection';
import { OUTBOX_CHANNEL, OUTBOX_WRITTEN, outboxWriterId } from './outbox';
import { RelayLeadership } from './relay-leadership';
import { WakeSignal } from './wake-signal';

interface OutboxRow {
  position: string;
  event_id: string;
  event_type: string;
  event_version: number;
  correlation_id: string;
  topic: string;
  message_key: string;
  value: string;
}

/** Most bytes in one send, well under the broker's default 1 MB per partition batch. */
const MAX_SEND_BYTES = 512 * 1024;

const keyOf = (row: OutboxRow) => `${row.topic}\u0000${row.message_key}`;

/** Consecutive rows, cut so no send carries more than MAX_SEND_BYTES (a larger row goes alone). */
function bySize(rows: OutboxRow[]): OutboxRow[][] {
  const chunks: OutboxRow[][] = [];
  let size = Infinity;
  for (const row of rows) {
    if (size + row.value.length > MAX_SEND_BYTES) {
      chunks.push([]);
      size = 0;
    }
    chunks[chunks.length - 1].push(row);
    size += row.value.length;
  }
  return chunks;
}

export interface RelaySettings {
  databaseUrl: string;
  /** Fallback poll when no notification arrives (one lost with a dropped connection, say). */
  pollIntervalMs: number;
  batchSize: number;
  /** How often an instance that does not relay checks whether the relay's lock is free. */
  leaderRetryMs: number;
}

/** A row the broker refused for good, kept aside with its reason: the rows of its key wait behind it. */
export interface SetAsideRow {
  eventId: string;
  type: string;
  topic: string;
  key: string;
  reason: string;
  setAsideAt: Date;
}

/**
 * Publishes committed outbox rows with the idempotent producer, then marks them sent. One instance
 * relays at a time (RelayLeadership), reading rows in the order they became visible, so one key's
 * events leave in commit order. It wakes on a commit through its own DataSource, on the
 * notification an outbox write through any other (another instance's) sends at commit, and by
 * polling as a fallback, which also covers a commit whose outcome its client never heard. A crash
 * after the send and before the mark re-sends the rows: consumers deduplicate by eventId.
 */
export class OutboxRelay {
  private readonly logger = new Logger('OutboxRelay');
  private readonly signal = new WakeSignal();
  private readonly leadership: RelayLeadership;
  private running = false;
  private loop: Promise<void> = Promise.resolve();
  private gaugesUpdatedAt = 0;
  private lastPassFull = false;
  private readonly ownWrites: string;
  // A commit through this relay's DataSource wakes it directly (sooner than its notification does).
  private readonly wakeOnCommit = OUTBOX_WRITTEN.onCommit(() => this.wake());

  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: KafkaConnection,
    private readonly metrics: ServiceMetrics,
    private readonly settings: RelaySettings,
  ) {
    this.ownWrites = outboxWriterId(dataSource);
    this.leadership = new RelayLeadership(settings.databaseUrl, OUTBOX_CHANNEL, (payload) => {
      if (payload !== this.ownWrites) this.wake();
    });
  }

  get isLeader(): boolean {
    return this.leadership.isLeader;
  }

  start(): void {
    if (!this.dataSource.subscribers.includes(this.wakeOnCommit)) this.dataSource.subscribers.push(this.wakeOnCommit);
    this.running = true;
    this.loop = this.run();
  }

  /** Something was committed to the outbox: publish now rather than at the next poll. */
  wake(): void {
    this.signal.wake();
  }

  /** Stops, publishes what is still pending if this instance relays, then frees the relay's lock. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    const subscriber = this.dataSource.subscribers.indexOf(this.wakeOnCommit);
    if (subscriber >= 0) this.dataSource.subscribers.splice(subscriber, 1);
    if (this.leadership.isLeader) while ((await this.publishPending()) > 0);
    await this.leadership.release();
  }

  /** One relay pass; returns how many events it published. */
  async publishPending(): Promise<number> {
    // Oldest first, leaving out set-aside rows and the rows of their keys (outbox-index-walk.migration.ts).
    const rows: OutboxRow[] = await this.dataSource.query(`SELECT * FROM outbox_unpublished($1)`, [this.settings.batchSize]);
    this.lastPassFull = rows.length === this.settings.batchSize;
    let published = 0;
    const held = new Set<string>();
    for (const chunk of bySize(rows)) {
      const sendable = chunk.filter((row) => !held.has(keyOf(row)));
      if (sendable.length === 0) continue;
      try {
        await this.kafka.send(sendable.map((row) => this.toMessage(row)));
        await this.markPublished(sendable);
        published += sendable.length;
      } catch (error) {
        if (!this.kafka.isRecordRejected(error)) throw error;
        published += await this.publishOneByOne(sendable, held);
      }
    }
    return published;
  }

  /** Rows the broker refused for good, oldest first, a page at a time, for operators. */
  async setAside(page: PageQuery): Promise<Page<SetAsideRow>> {
    const setAside = `FROM outbox_message WHERE set_aside_at IS NOT NULL AND published_at IS NULL`;
    const [rows, [{ count }]] = await Promise.all([
      this.dataSource.query(
        `SELECT event_id, event_type, topic, message_key, set_aside_reason, set_aside_at ${setAside} ORDER BY position LIMIT $1 OFFSET $2`,
        [page.limit, page.offset],
      ),
      this.dataSource.query(`SELECT count(*) ${setAside}`),
    ]);
    const items: SetAsideRow[] = rows.map((r: Record<string, unknown>) => ({
      eventId: r.event_id, type: r.event_type, topic: r.topic, key: r.message_key, reason: r.set_aside_reason, setAsideAt: r.set_aside_at,
    }));
    return pageOf([items, Number(count)], page);
  }

  /** Once the cause is fixed (say, the broker's size limit raised): try a set-aside row again, in its place. */
  async retrySetAside(eventId: string): Promise<boolean> {
    const [, affected] = await this.dataSource.query(
      `UPDATE outbox_message SET set_aside_at = NULL, set_aside_reason = NULL WHERE event_id = $1 AND set_aside_at IS NOT NULL AND published_at IS NULL`,
      [eventId],
    );
    if (affected > 0) this.wake();
    return affected > 0;
  }

  /** The chunk held a row the broker refuses: send in order, set that row aside, hold its key's later rows. */
  private async publishOneByOne(rows: OutboxRow[], held: Set<string>): Promise<number> {
    let published = 0;
    for (const row of rows) {
      const key = keyOf(row);
      if (held.has(key)) continue;
      try {
        await this.kafka.send([this.toMessage(row)]);
        await this.markPublished([row]);
        published++;
      } catch (error) {
        if (!this.kafka.isRecordRejected(error)) throw error;
        held.add(key);
        const reason = `the broker refused the event: ${(error as Error).message}`;
        await this.dataSource.query(`UPDATE outbox_message SET set_aside_at = now(), set_aside_reason = $2 WHERE position = $1`, [row.position, reason]);
        this.logger.error({ message: 'outbox row set aside; later events of its key wait behind it', eventId: row.event_id, type: row.event_type, topic: row.topic, reason });
      }
    }
    await this.updateGauges();
    return published;
  }

  private async markPublished(rows: OutboxRow[]) {
    // The first mark stands: a relay that lost its lock mid-pass must not move a row's mark later (the alert stream resumes by it).
    await this.dataSource.query(`UPDATE outbox_message SET published_at = now() WHERE position = ANY($1::bigint[]) AND published_at IS NULL`, [rows.map((r) => r.position)]);
    for (const row of rows) this.metrics.outboxPublished.inc({ type: this.metrics.knownType(row.event_type) });
  }

  private toMessage(row: OutboxRow): OutgoingMessage {
    return {
      topic: this.kafka.prefixed(row.topic),
      key: row.message_key,
      value: row.value,
      headers: eventHeaders({ eventId: row.event_id, type: row.event_type, version: Number(row.event_version), correlationId: row.correlation_id }),
    };
  }

  private async run() {
    while (this.running) {
      let more = false;
      try {
        if (await this.leadership.tryToLead()) {
          // Go on while a pass finds a full batch; otherwise wait for the next wake (one that came
          // during the pass is kept), rather than query again for rows that are not there.
          await this.publishPending();
          more = this.lastPassFull;
          if (Date.now() - this.gaugesUpdatedAt > 1000) await this.updateGauges();
        }
      } catch (error) {
        this.logger.error({ message: 'outbox relay pass failed; will retry', error: (error as Error).message });
        await sleep(500);
      }
      if (!more) await this.signal.wait(this.leadership.isLeader ? this.settings.pollIntervalMs : this.settings.leaderRetryMs);
    }
  }

  private async updateGauges() {
    const [{ pending, set_aside }] = await this.dataSource.query(`SELECT * FROM outbox_backlog()`);
    this.metrics.outboxPending.set(pending);
    this.metrics.outboxSetAside.set(set_aside);
    this.gaugesUpdatedAt = Date.now();
  }
}
