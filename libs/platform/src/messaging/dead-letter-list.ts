import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { deadLetterTopic, type ConsumingService } from '@trialstream/contracts';
import type { KafkaMessage } from 'kafkajs';
import type { Page, PageQuery } from '../http/pagination';
import type { KafkaConnection } from './kafka-connection';

/** One dead letter as its topic holds it: where it sits, why it is there, where it came from, and its original bytes. */
export class DeadLetterEntry {
  @ApiProperty({ description: 'Partition of the dead-letter topic.' }) partition: number;
  @ApiProperty({ description: 'Offset in the dead-letter topic.' }) offset: string;
  @ApiProperty({ nullable: true, type: String }) key: string | null;
  @ApiProperty({ example: 'HANDLER_FAILED' }) kind: string;
  @ApiProperty({ description: 'The field and rule, or the error.' }) reason: string;
  @ApiProperty() sourceTopic: string;
  @ApiProperty() sourcePartition: number;
  @ApiProperty() sourceOffset: string;
  @ApiProperty() consumerGroup: string;
  @ApiProperty({ format: 'date-time' }) deadLetteredAt: string;
  @ApiPropertyOptional({ description: 'From the original headers, when it had them.' }) eventType?: string;
  @ApiPropertyOptional() eventId?: string;
  @ApiProperty({ nullable: true, type: String, description: 'The original message value as UTF-8.' }) value: string | null;
}

interface Window {
  from: number;
  to: number;
}

/** The offsets [from, to) to read in each partition for a page of the partitions laid end to end. */
export function pageWindows(partitions: { partition: number; low: number; high: number }[], page: PageQuery): Map<number, Window> {
  const windows = new Map<number, Window>();
  let skip = page.offset;
  let take = page.limit;
  for (const { partition, low, high } of partitions) {
    if (take === 0) break;
    const from = low + skip;
    skip = Math.max(0, from - high);
    if (from >= high) continue;
    const to = Math.min(high, from + take);
    windows.set(partition, { from, to });
    take -= to - from;
  }
  return windows;
}

function entry(partition: number, message: KafkaMessage): DeadLetterEntry {
  const header = (name: string) => message.headers?.[name]?.toString();
  return {
    partition,
    offset: message.offset,
    key: message.key?.toString() ?? null,
    kind: header('dead-letter-kind') ?? '',
    reason: header('dead-letter-reason') ?? '',
    sourceTopic: header('dead-letter-source-topic') ?? '',
    sourcePartition: Number(header('dead-letter-source-partition')),
    sourceOffset: header('dead-letter-source-offset') ?? '',
    consumerGroup: header('dead-letter-consumer-group') ?? '',
    deadLetteredAt: header('dead-letter-at') ?? '',
    eventType: header('event-type'),
    eventId: header('event-id'),
    value: message.value?.toString() ?? null,
  };
}

/**
 * Pages through what a service's dead-letter topic holds now, oldest first: partitions in order,
 * each in offset order, so `offset` and `total` count messages on the topic. Reads with a consumer
 * group of its own that commits nothing, so it moves no one's position (nor the replay's).
 */
export class DeadLetterList {
  constructor(
    private readonly kafka: KafkaConnection,
    private readonly service: ConsumingService,
  ) {}

  async page(page: PageQuery, timeoutMs = 30_000): Promise<Page<DeadLetterEntry>> {
    const topic = this.kafka.topic(deadLetterTopic(this.service));
    const partitions = await this.kafka.offsets(topic);
    const total = partitions.reduce((sum, p) => sum + p.high - p.low, 0);
    const windows = pageWindows(partitions, page);
    const items = windows.size > 0 ? await this.read(topic, windows, timeoutMs) : [];
    return { items, total, limit: page.limit, offset: page.offset };
  }

  private async read(topic: string, windows: Map<number, Window>, timeoutMs: number): Promise<DeadLetterEntry[]> {
    const read: DeadLetterEntry[] = [];
    // The next offset wanted per partition; a partition is done when it reaches its window's end.
    const next = new Map([...windows].map(([partition, { from }]) => [partition, from]));
    const pending = new Set(windows.keys());
    // Short fetch waits: the reader stops as soon as its window is read, not after the broker's long poll.
    const consumer = this.kafka.consumer(`${this.kafka.settings.topicPrefix}trialstream.${this.service}.dead-letter-list.${randomUUID()}`, { maxWaitTimeInMs: 100 });
    try {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatch: async ({ batch, pause }) => {
          const window = windows.get(batch.partition);
          for (const message of batch.messages) {
            if (!window || !pending.has(batch.partition)) break;
            if (Number(message.offset) !== next.get(batch.partition)) continue;
            read.push(entry(batch.partition, message));
            next.set(batch.partition, Number(message.offset) + 1);
            if (Number(message.offset) + 1 >= window.to) pending.delete(batch.partition);
          }
          if (!window || !pending.has(batch.partition)) pause();
        },
      });
      for (const [partition, { from }] of windows) consumer.seek({ topic, partition, offset: String(from) });
      const deadline = Date.now() + timeoutMs;
      while (pending.size > 0 && Date.now() < deadline) await sleep(20);
    } finally {
      await consumer.disconnect();
    }
    if (pending.size > 0) throw new Error(`listing dead letters of ${this.service} did not read ${topic} in ${timeoutMs} ms`);
    return read.sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset));
  }
}
