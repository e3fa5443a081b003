import { Kafka, logLevel, Partitioners, type Admin, type Consumer, type IHeaders, type KafkaConfig, type Producer } from 'kafkajs';
import { uniqueSuffix } from './wait-for';

export interface ReceivedMessage {
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  partition: number;
}

/** kafkajs's TLS and SASL options, for a broker that asks for a login (kafka.sh start-secure). */
export type KafkaLogin = Pick<KafkaConfig, 'ssl' | 'sasl'>;

/** A plain Kafka client for tests: produce raw bytes and watch what lands on a topic. */
export class KafkaProbe {
  private readonly kafka: Kafka;
  private producer?: Producer;
  private readonly consumers: Consumer[] = [];

  /** Reconnection back-off is capped, so a probe follows a broker restart promptly. */
  constructor(brokers = kafkaBrokers(), login: KafkaLogin = {}) {
    this.kafka = new Kafka({ clientId: 'trialstream-test-probe', brokers, logLevel: logLevel.NOTHING, retry: { maxRetryTime: 2000, retries: 10 }, ...login });
  }

  async produce(topic: string, messages: { key: string; value: string | Buffer; headers?: IHeaders }[]): Promise<void> {
    if (!this.producer) {
      this.producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
      await this.producer.connect();
    }
    await this.producer.send({ topic, messages, acks: -1 });
  }

  /** Collects every message on the topic, from the beginning, into the returned array as it arrives. */
  async watch(topic: string, groupId = `test-probe-${uniqueSuffix()}`): Promise<ReceivedMessage[]> {
    const received: ReceivedMessage[] = [];
    const consumer = this.kafka.consumer({ groupId });
    this.consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message, partition }) => {
        received.push({
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? null,
          headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
          partition,
        });
      },
    });
    return received;
  }

  /**
   * Joins a consumer group on the topic and leaves it again: resolves once the group took the probe
   * in, rejects with the broker's refusal (an ACL, say), which `watch` would only log.
   */
  async joinGroup(topic: string, groupId: string): Promise<void> {
    const consumer = this.kafka.consumer({ groupId, retry: { retries: 0 } });
    try {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        consumer.on(consumer.events.GROUP_JOIN, () => resolve());
        consumer.on(consumer.events.CRASH, ({ payload }) => reject(payload.error));
        consumer.run({ eachMessage: async () => undefined }).catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }
  }

  async partitionCount(topic: string): Promise<number> {
    return this.withAdmin(async (admin) => {
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
      return topics[0].partitions.length;
    });
  }

  /** Removes the topics a test run created under its own prefix. */
  async deleteTopicsWithPrefix(prefix: string): Promise<void> {
    await this.withAdmin(async (admin) => {
      const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
      if (topics.length > 0) await admin.deleteTopics({ topics });
    });
  }

  private async withAdmin<T>(work: (admin: Admin) => Promise<T>): Promise<T> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      return await work(admin);
    } finally {
      await admin.disconnect();
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.consumers.map((c) => c.disconnect()));
    await this.producer?.disconnect();
  }
}

export function kafkaBrokers(): string[] {
  return (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
}
