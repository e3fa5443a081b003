/**
 * One Kafka hop, producer to consumer, on the broker at KAFKA_BROKERS (default 127.0.0.1:9092): a
 * kafkajs producer sends one message at a time (acks from all replicas) at a few rates, and a kafkajs
 * consumer reads them twice over, once committing after every batch (kafkajs's default) and once
 * not committing. The difference is what the broker's offset commits cost a consumer between
 * fetches (Kafka 4's group.coordinator.append.linger.ms held each commit up to 5 ms).
 *
 *   npx ts-node --transpile-only -P tsconfig.base.json tools/bench/commit-hop.ts [messages per rate]
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel, Partitioners } from 'kafkajs';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const perRate = Number(process.argv[2] ?? 1000);
const kafka = new Kafka({ clientId: 'bench-commit-hop', brokers, logLevel: logLevel.NOTHING });

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Milliseconds from send to arrival of each message, at `rate` messages/s. */
async function hop(rate: number, autoCommit: boolean): Promise<number[]> {
  const topic = `bench-commit-hop-${Date.now()}-${autoCommit ? 'commit' : 'none'}`;
  const admin = kafka.admin();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  const consumer = kafka.consumer({ groupId: topic, maxWaitTimeInMs: 250 });
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: 6 }], waitForLeaders: true });
    await producer.connect();
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    const latencies: number[] = [];
    let joined = false;
    consumer.on(consumer.events.GROUP_JOIN, () => (joined = true));
    await consumer.run({
      autoCommit,
      eachBatch: async ({ batch }) => {
        const now = Date.now();
        for (const m of batch.messages) latencies.push(now - Number(m.value?.toString()));
      },
    });
    while (!joined) await sleep(50);
    const started = Date.now();
    for (let i = 0; i < perRate; i++) {
      await sleep(Math.max(0, started + (i * 1000) / rate - Date.now()));
      await producer.send({ topic, acks: -1, messages: [{ key: `k${i}`, value: String(Date.now()) }] });
    }
    for (let waited = 0; latencies.length < perRate && waited < 10_000; waited += 50) await sleep(50);
    return latencies.sort((a, b) => a - b);
  } finally {
    await consumer.disconnect();
    await producer.disconnect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  }
}

async function main() {
  console.log('rate (msg/s)  consumer              p50 ms  p99 ms  received');
  for (const rate of [200, 1000]) {
    for (const autoCommit of [true, false]) {
      const sorted = await hop(rate, autoCommit);
      const name = autoCommit ? 'commits every batch' : 'never commits';
      console.log(`${String(rate).padStart(12)}  ${name.padEnd(20)}  ${String(percentile(sorted, 0.5)).padStart(6)}  ${String(percentile(sorted, 0.99)).padStart(6)}  ${sorted.length}/${perRate}`);
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
