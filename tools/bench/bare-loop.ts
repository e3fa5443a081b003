/**
 * The bare baseline, in its own process as each service is: a kafkajs consumer group reading the
 * input topic with eachBatch and producing every message of the batch (same key, value and headers)
 * to the output topic before the batch's offsets are committed. No database, no ledger, no outbox:
 * the ceiling for any consume-then-produce service on this broker and machine.
 *
 * Started by bench.ts with an IPC channel: sends {ready} once it has joined its group, exits on
 * {stop}, when the parent goes away, or after BARE_LOOP_MAX_MS.
 */
import { Kafka, logLevel, Partitioners } from 'kafkajs';

const { BARE_LOOP_BROKERS = '', BARE_LOOP_INPUT = '', BARE_LOOP_OUTPUT = '', BARE_LOOP_GROUP = '', BARE_LOOP_MAX_MS } = process.env;
if (!BARE_LOOP_BROKERS || !BARE_LOOP_INPUT || !BARE_LOOP_OUTPUT || !BARE_LOOP_GROUP || !process.send) {
  console.error('bare-loop: run by tools/bench/bench.ts (needs BARE_LOOP_* and an IPC channel)');
  process.exit(2);
}
const send = (message: object) => process.send?.(message);

async function main(): Promise<void> {
  const kafka = new Kafka({ clientId: 'bench-bare-loop', brokers: BARE_LOOP_BROKERS.split(','), logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  const consumer = kafka.consumer({ groupId: BARE_LOOP_GROUP, allowAutoTopicCreation: false, maxWaitTimeInMs: 250 });
  let forwarded = 0;

  const stop = async (code: number) => {
    await Promise.race([
      Promise.allSettled([consumer.disconnect(), producer.disconnect()]),
      new Promise((resolve) => setTimeout(resolve, 10_000)),
    ]);
    process.exit(code);
  };
  setTimeout(() => void stop(3), Number(BARE_LOOP_MAX_MS ?? 600_000)).unref();
  process.on('disconnect', () => void stop(0));
  process.on('message', (message: { stop?: boolean }) => {
    if (message.stop) {
      send({ forwarded });
      void stop(0);
    }
  });

  consumer.on(consumer.events.GROUP_JOIN, () => send({ ready: true }));
  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topic: BARE_LOOP_INPUT, fromBeginning: true });
  await consumer.run({
    eachBatch: async ({ batch }) => {
      if (batch.messages.length === 0) return;
      await producer.send({
        topic: BARE_LOOP_OUTPUT,
        acks: -1,
        messages: batch.messages.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
      });
      forwarded += batch.messages.length;
    },
  });
}

main().catch((error) => {
  console.error(`bare-loop: ${(error as Error).message}`);
  send({ error: (error as Error).message });
  process.exit(1);
});
