import { setTimeout as sleep } from 'node:timers/promises';
import { deadLetterTopic, type ConsumingService } from '@trialstream/contracts';
import type { IHeaders, KafkaMessage } from 'kafkajs';
import type { DataSource } from 'typeorm';
import type { ConsumedMessage } from './consumed-message';
import type { KafkaConnection } from './kafka-connection';
import type { ParkedEvents } from './parked-events';

export interface ReplayResult {
  replayed: number;
  skipped: number;
  byTopic: Record<string, number>;
}

const withoutDeadLetterHeaders = (headers: IHeaders | undefined): IHeaders =>
  Object.fromEntries(Object.entries(headers ?? {}).filter(([name]) => !name.startsWith('dead-letter-')));

/** The message as its consumer group first took it: source position, key, bytes and headers. */
function asConsumed(message: KafkaMessage): ConsumedMessage | undefined {
  const header = (name: string) => message.headers?.[`dead-letter-${name}`]?.toString();
  const topic = header('source-topic');
  if (!topic) return undefined;
  return { topic, partition: Number(header('source-partition')), offset: header('source-offset') ?? '', key: message.key, value: message.value, headers: withoutDeadLetterHeaders(message.headers) };
}

/**
 * Hands a service's dead letters back to that service once the cause is fixed: each goes into its
 * consumer group's parking, as it first arrived, and is handled from there before any later event
 * of its key. It is not re-published, so other services on the source topic never see it twice.
 * A replay takes what the dead-letter topic holds when it starts (a message that fails again is
 * dead-lettered anew and waits for the next replay), and its own consumer group remembers how far
 * it got, so each dead letter is replayed once (and a copy would stop at the processed-event ledger).
 */
export class DeadLetterReplay {
  constructor(
    private readonly kafka: KafkaConnection,
    private readonly service: ConsumingService,
    private readonly dataSource: DataSource,
    private readonly parking: ParkedEvents,
    private readonly consumerGroup: string,
  ) {}

  async replay(onlyKind?: string, timeoutMs = 60_000): Promise<ReplayResult> {
    const topic = this.kafka.topic(deadLetterTopic(this.service));
    const groupId = `${this.kafka.settings.topicPrefix}trialstream.${this.service}.dead-letter-replay`;
    const result: ReplayResult = { replayed: 0, skipped: 0, byTopic: {} };
    const ends = new Map<number, number>();
    for (const p of await this.kafka.positions(topic, groupId)) {
      if (Math.max(p.committed, p.low) < p.high) ends.set(p.partition, p.high);
    }
    if (ends.size === 0) return result;

    const consumer = this.kafka.consumer(groupId);
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, commitOffsetsIfNecessary, pause }) => {
        const end = ends.get(batch.partition) ?? 0;
        for (const message of batch.messages) {
          if (Number(message.offset) >= end) break;
          const kind = message.headers?.['dead-letter-kind']?.toString();
          const group = message.headers?.['dead-letter-consumer-group']?.toString();
          const original = asConsumed(message);
          if (original && group === this.consumerGroup && (!onlyKind || kind === onlyKind)) {
            await this.dataSource.transaction((tx) => this.parking.park(tx, original, `replayed ${kind} dead letter`, 0));
            result.replayed++;
            result.byTopic[original.topic] = (result.byTopic[original.topic] ?? 0) + 1;
          } else {
            result.skipped++;
          }
          resolveOffset(message.offset);
          if (Number(message.offset) === end - 1) ends.delete(batch.partition);
        }
        await commitOffsetsIfNecessary();
        if (!ends.has(batch.partition)) pause();
      },
    });
    const deadline = Date.now() + timeoutMs;
    while (ends.size > 0 && Date.now() < deadline) await sleep(100);
    await consumer.disconnect();
    if (ends.size > 0) throw new Error(`dead-letter replay of ${this.service} did not reach the end of ${topic} in ${timeoutMs} ms`);
    return result;
  }
}
