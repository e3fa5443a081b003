import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';

export interface RetentionSettings {
  /** Published outbox rows, and fired or cancelled timers, are kept this long for diagnosis; pending ones never go. */
  outboxDays: number;
  /** Must outlast the topics' retention: a redelivery older than that cannot arrive any more. */
  processedEventDays: number;
}

/** Keeps the outbox, the timers and the processed-event ledger from growing without bound. */
export class MessagingHousekeeping {
  private readonly logger = new Logger('MessagingHousekeeping');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly retention: RetentionSettings,
  ) {}

  start(everyMs = 3_600_000): void {
    this.timer = setInterval(() => void this.prune().catch((error) => this.logger.error({ message: 'pruning failed', error: error.message })), everyMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async prune(): Promise<{ outbox: number; timers: number; processedEvents: number }> {
    const [, outbox] = await this.dataSource.query(
      `DELETE FROM outbox_message WHERE published_at IS NOT NULL AND published_at < now() - make_interval(days => $1)`,
      [this.retention.outboxDays],
    );
    const [, timers] = await this.dataSource.query(
      `DELETE FROM scheduled_event WHERE coalesce(fired_at, cancelled_at) < now() - make_interval(days => $1)`,
      [this.retention.outboxDays],
    );
    const [, processedEvents] = await this.dataSource.query(
      `DELETE FROM processed_event WHERE processed_at < now() - make_interval(days => $1)`,
      [this.retention.processedEventDays],
    );
    if (outbox || timers || processedEvents) this.logger.log({ message: 'pruned messaging tables', outbox, timers, processedEvents });
    return { outbox, timers, processedEvents };
  }
}
