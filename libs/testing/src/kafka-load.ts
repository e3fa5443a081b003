import { partitionsOf, sendAcknowledged, TopicPartitions, type TopicBatch } from '@trialstream/kafka-delivery';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel, Partitioners, type Admin, type IHeaders, type Producer } from 'kafkajs';

/**
 * Kafka from outside the services, for the tools that drive the platform (the benchmark, the fault
 * run): a loopback-only client, a load generator, and the clean-up of a run's topics and groups.
 */

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[?::1\]?)$/;

/**
 * The broker list, loopback only: the tools never talk to another machine. `alsoAllowed` names
 * brokers of this machine at other addresses, a namespace-mode LocalCluster's `brokers` (its nodes
 * on a private bridge here).
 */
export function loopbackBrokers(env: NodeJS.ProcessEnv, alsoAllowed: readonly string[] = []): string[] {
  const brokers = (env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((b) => b.trim()).filter(Boolean);
  for (const broker of brokers) {
    const host = broker.slice(0, broker.lastIndexOf(':'));
    if (!LOOPBACK.test(host) && !alsoAllowed.includes(broker)) throw new Error(`KAFKA_BROKERS: ${broker} is not a loopback address; the tools run on this machine only`);
  }
  return brokers;
}

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.test(host);
}

export function kafkaClient(brokers: string[], clientId: string): Kafka {
  return new Kafka({ clientId, brokers, logLevel: logLevel.NOTHING, retry: { retries: 5, initialRetryTime: 200 } });
}

export interface OutMessage {
  key: string;
  value: string;
}

/** What a checked send had to send again: the partitions whose first answer was missing (tulios/kafkajs#1303). */
export interface CheckedSend {
  resentTo: string[];
}

/**
 * The load generator: keyed messages (murmur2, like the Java client and the services) with acks from
 * all replicas. Like a careful sponsor's client it checks that every partition it wrote to
 * acknowledged the send, and sends what was not written again (a copy, same event id, may result).
 */
export class LoadGenerator {
  private readonly producer: Producer;
  private readonly admin: Admin;
  /** Fetched once: a key's partition depends on their number only. */
  private readonly partitions: TopicPartitions;

  constructor(kafka: Kafka, private readonly resendAttempts = 20) {
    this.producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
    this.admin = kafka.admin();
    this.partitions = new TopicPartitions(this.admin);
  }

  async connect(): Promise<void> {
    await this.admin.connect();
    await this.producer.connect();
  }

  /**
   * Sends every message as fast as the broker takes them, in chunks with `inFlight` requests at
   * once. With more than one, a key's messages in different chunks may land out of order (a chunk
   * sent again after a missing acknowledgement, or two requests to one broker): use 1 where a key's
   * order matters.
   */
  async sendAll(topic: string, messages: OutMessage[], chunk = 1_000, inFlight = 4): Promise<void> {
    const chunks: OutMessage[][] = [];
    for (let i = 0; i < messages.length; i += chunk) chunks.push(messages.slice(i, i + chunk));
    let next = 0;
    const lane = async () => {
      while (next < chunks.length) await this.send(topic, chunks[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(inFlight, chunks.length) }, lane));
  }

  /** Sends until every message is acknowledged; fails when kafkajs fails or a partition stays unacknowledged. */
  async send(topic: string, messages: OutMessage[], headers?: IHeaders): Promise<CheckedSend> {
    let pending: TopicBatch[] = [{ topic, messages: messages.map((m) => ({ ...m, headers })) }];
    const resentTo = new Set<string>();
    for (let attempt = 1; ; attempt++) {
      const unwritten = await sendAcknowledged(this.producer, this.partitions.lookup, pending);
      if (unwritten.length === 0) return { resentTo: [...resentTo].sort() };
      const partitions = partitionsOf(unwritten);
      if (attempt >= this.resendAttempts) throw new Error(`the broker did not acknowledge the messages sent to ${partitions.join(', ')} after ${attempt} attempts`);
      for (const partition of partitions) resentTo.add(partition);
      pending = unwritten;
      await sleep(Math.min(100 * attempt, 1_000));
    }
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
    await this.admin.disconnect();
  }
}

/** Creates topics with a partition count (the broker runs with auto-create off). */
export async function createTopics(kafka: Kafka, topics: string[], partitions: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ waitForLeaders: true, topics: topics.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: 1 })) });
  } finally {
    await admin.disconnect();
  }
}

/** Deletes the topics and consumer groups a run made under its prefix. */
export async function deleteWithPrefix(kafka: Kafka, prefix: string): Promise<{ topics: number; groups: number }> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(prefix));
    if (groups.length > 0) await admin.deleteGroups(groups).catch(() => undefined); // a group still closing is harmless
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 30_000 });
    return { topics: topics.length, groups: groups.length };
  } finally {
    await admin.disconnect();
  }
}
