import { Logger } from '@nestjs/common';
import type { EventEnvelope } from '@trialstream/contracts';
import type { DataSource } from 'typeorm';
import type { ServiceMetrics } from '../metrics/metrics';
import type { KafkaConnection } from './kafka-connection';
import { eventHeaders } from './headers';

interface OutboxRow {
  event_id: string;
  topic: string;
  message_key: string;
  envelope: EventEnvelope;
}

export interface RelaySettings {
  pollIntervalMs: number;
  batchSize: number;
}

/**
 * Publishes committed outbox rows with the idempotent producer, then marks them sent. Rows are
 * claimed with FOR UPDATE SKIP LOCKED (not "id > last seen", which skips rows whose sequence values
 * commit out of order), so several instances can relay side by side. A crash after the send and
 * before the mark re-sends the row: consumers deduplicate by eventId.
 */
export class OutboxRelay {
  private readonly logger = new Logger('OutboxRelay');
  private running = false;
  private timer?: NodeJS.Timeout;
  private pass: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: KafkaConnection,
    private readonly metrics: ServiceMetrics,
    private readonly settings: RelaySettings,
  ) {}

  start(): void {
    this.running = true;
    this.schedule(0);
  }

  /** Stops polling, lets the pass in hand finish, then flushes what is still pending. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.pass;
    while ((await this.publishPending()) > 0);
  }

  /** One relay pass; returns how many events it published. */
  async publishPending(): Promise<number> {
    const published = await this.dataSource.transaction(async (tx) => {
      const rows: OutboxRow[] = await tx.query(
        `SELECT event_id, topic, message_key, envelope FROM outbox_message
          WHERE published_at IS NULL ORDER BY position LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.settings.batchSize],
      );
      if (rows.length === 0) return [];
      await this.kafka.producer.sendBatch({ acks: -1, topicMessages: this.toTopicMessages(rows) });
      await tx.query(`UPDATE outbox_message SET published_at = now() WHERE event_id = ANY($1::uuid[])`, [
        rows.map((r) => r.event_id),
      ]);
      return rows;
    });
    for (const row of published) this.metrics.outboxPublished.inc({ type: row.envelope.type });
    return published.length;
  }

  private toTopicMessages(rows: OutboxRow[]) {
    const byTopic = new Map<string, { key: string; value: string; headers: Record<string, string> }[]>();
    for (const row of rows) {
      const topic = this.kafka.prefixed(row.topic);
      const messages = byTopic.get(topic) ?? [];
      messages.push({ key: row.message_key, value: JSON.stringify(row.envelope), headers: eventHeaders(row.envelope) });
      byTopic.set(topic, messages);
    }
    return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
  }

  private schedule(delayMs: number) {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.pass = this.tick();
    }, delayMs);
  }

  private async tick() {
    let delay = this.settings.pollIntervalMs;
    try {
      const count = await this.publishPending();
      if (count === this.settings.batchSize) delay = 0;
      await this.updatePendingGauge();
    } catch (error) {
      this.logger.error({ message: 'outbox relay pass failed; will retry', error: (error as Error).message });
      delay = Math.max(delay, 1000);
    }
    this.schedule(delay);
  }

  private async updatePendingGauge() {
    const [{ pending }] = await this.dataSource.query(
      `SELECT count(*)::int AS pending FROM outbox_message WHERE published_at IS NULL`,
    );
    this.metrics.outboxPending.set(pending);
  }
}
