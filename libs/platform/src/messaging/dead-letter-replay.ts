import { setTimeout as sleep } from 'node:timers/promises';
import { deadLetterTopic, type ConsumingService } from '@trialstream/contracts';
import type { IHeaders } from 'kafkajs';
import type { KafkaConnection } from './kafka-connection';

export interface ReplayResult {
  replayed: number;
  skipped: number;
  byTopic: Record<string, number>;
}

const withoutDeadLetterHeaders = (headers: IHeaders | undefined): IHeaders =>
  Object.fromEntries(Object.entries(headers ?? {}).filter(([name]) => !name.startsWith('dead-letter-')));

/**
 * Sends a service's dead letters back to the topics they came from, with their original key, bytes
 * and headers, once the cause is fixed. It replays what the dead-letter topic holds when it starts
 * (a message that fails again is dead-lettered anew and waits for the next replay), and its
 * consumer group remembers how far it got, so each dead letter is replayed once.
 */
export class DeadLetterReplay {
  constructor(
    private readonly kafka: KafkaConnection,
    private readonly service: ConsumingService,
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
          const source = message.headers?.['dead-letter-source-topic']?.toString();
          if (source && (!onlyKind || kind === onlyKind)) {
            await this.kafka.send([{ topic: source, key: message.key, value: message.value, headers: withoutDeadLetterHeaders(message.headers) }]);
            result.replayed++;
            result.byTopic[source] = (result.byTopic[source] ?? 0) + 1;
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
