import { Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { allTopics, topicName, type TopicDefinition } from '@trialstream/contracts';
import { hasKafkaErrorType, kafkaClientSecurity, partitionsOf, sendAcknowledged, TopicPartitions, type KafkaSecurity } from '@trialstream/kafka-delivery';
import { Kafka, logLevel, Partitioners, type Admin, type Consumer, type ConsumerConfig, type IHeaders, type LogEntry, type Producer } from 'kafkajs';

export interface KafkaSettings {
  clientId: string;
  brokers: string[];
  topicPrefix: string;
  /** Longest wait between reconnection attempts: a service resumes this soon after the broker is back. */
  maxRetryMs?: number;
  /** Replicas of each topic it creates; -1 or absent: the cluster's default. */
  replicationFactor?: number;
  /** SASL over TLS; absent: PLAINTEXT. */
  security?: KafkaSecurity;
}

/** A message to publish: topic on the wire, key, bytes and headers. */
export interface OutgoingMessage {
  topic: string;
  key: string | Buffer | null;
  value: string | Buffer | null;
  headers?: IHeaders;
}

const IDLE_FETCH_WAIT_MS = 1_000;

/** Errors the broker gives for one record that no retry will fix (too large, invalid). */
const RECORD_REJECTIONS = new Set(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE', 'INVALID_RECORD', 'CORRUPT_MESSAGE', 'INVALID_TIMESTAMP']);

/**
 * The service's one Kafka client: an admin for topic provisioning and readiness, and one idempotent
 * producer shared by the outbox relay and dead-lettering. kafkajs stays behind this class.
 */
export class KafkaConnection {
  private readonly kafka: Kafka;
  private producer: Producer;
  private producerConnected = false;
  private readonly admin: Admin;
  private readonly logger = new Logger('Kafka');
  /** Remembered until a send fails (leaders move, partitions are added). */
  private readonly partitions: TopicPartitions;

  constructor(readonly settings: KafkaSettings) {
    this.kafka = new Kafka({
      clientId: settings.clientId,
      brokers: settings.brokers,
      ...kafkaClientSecurity(settings.security),
      logLevel: logLevel.WARN,
      logCreator: () => (entry: LogEntry) => this.forward(entry),
      // kafkajs backs off up to 30 s by default; capped, a service resumes promptly after a broker restart.
      retry: { retries: 8, initialRetryTime: 200, maxRetryTime: settings.maxRetryMs ?? 2000 },
    });
    this.admin = this.kafka.admin();
    this.partitions = new TopicPartitions(this.admin);
    this.producer = this.newProducer();
  }

  topic(definition: TopicDefinition): string {
    return topicName(this.settings.topicPrefix, definition);
  }

  /** The wire name of a topic stored by its unprefixed name (as the outbox does). */
  prefixed(name: string): string {
    return `${this.settings.topicPrefix}${name}`;
  }

  async connect(): Promise<void> {
    await this.admin.connect();
    await this.provisionTopics();
    await this.connectProducer();
  }

  /**
   * Creates every platform topic that is missing, with its partition count (auto-create is off), and
   * waits until each has a leader for every partition, created here or a moment ago by another
   * instance starting beside this one.
   */
  async provisionTopics(): Promise<void> {
    const existing = new Set(await this.admin.listTopics());
    const missing = allTopics().filter((t) => !existing.has(this.topic(t)));
    if (missing.length > 0) {
      await this.admin.createTopics({
        waitForLeaders: false, // kafkajs's own wait gives up on a broker that does not know the topic yet: see waitForLeaders
        topics: missing.map((t) => ({ topic: this.topic(t), numPartitions: t.partitions, replicationFactor: this.settings.replicationFactor ?? -1 })),
      });
      this.logger.log({ message: 'created topics', topics: missing.map((t) => this.topic(t)) });
    }
    await this.waitForLeaders(allTopics().map((t) => this.topic(t)));
  }

  /**
   * Until every partition of the topics has a leader. On a cluster a broker can answer for a topic
   * created a moment ago before it knows it ("does not host this topic-partition"), which kafkajs's
   * own waitForLeaders treats as fatal: the service then failed to start on a fresh cluster.
   */
  private async waitForLeaders(topics: string[], timeoutMs = 60_000): Promise<void> {
    const transient = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE']);
    for (const deadline = Date.now() + timeoutMs; ; await sleep(200)) {
      try {
        const { topics: found } = await this.admin.fetchTopicMetadata({ topics });
        if (found.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return;
      } catch (error) {
        if (!hasKafkaErrorType(error, transient) || Date.now() > deadline) throw error;
      }
      if (Date.now() > deadline) throw new Error(`the topics ${topics.join(', ')} have no leader for every partition after ${timeoutMs / 1000} s`);
    }
  }

  /**
   * Publishes with acks from all in-sync replicas; messages of one partition keep their order. Keep
   * a call under the broker's size limit (1 MB per partition batch by default). After a failed send
   * the producer is replaced: an idempotent producer's sequence numbers are not to be trusted after
   * a refused batch, and a new one starts clean (duplicates are deduplicated by eventId downstream).
   * A send is only done when every partition it wrote to acknowledged it (see sendAcknowledged).
   */
  async send(messages: OutgoingMessage[]): Promise<void> {
    const byTopic = new Map<string, OutgoingMessage[]>();
    for (const message of messages) {
      const batch = byTopic.get(message.topic);
      if (batch) batch.push(message);
      else byTopic.set(message.topic, [message]);
    }
    try {
      await this.connectProducer();
      const batches = [...byTopic].map(([topic, batch]) => ({ topic, messages: batch.map(({ key, value, headers }) => ({ key, value, headers })) }));
      const unwritten = await sendAcknowledged(this.producer, this.partitions.lookup, batches);
      if (unwritten.length > 0) throw new Error(`the broker did not acknowledge the messages sent to ${partitionsOf(unwritten).join(', ')}`);
    } catch (error) {
      this.partitions.clear();
      await this.renewProducer();
      throw error;
    }
  }

  /** Whether a send failed because the broker refuses a record for good, not because it is unreachable. */
  isRecordRejected(error: unknown): boolean {
    return hasKafkaErrorType(error, RECORD_REJECTIONS);
  }

  /**
   * A consumer in the given group (already prefixed), on this client's brokers and retry policy.
   * A stopping consumer waits for its fetch in flight, which an idle broker holds for maxWaitTimeInMs
   * (kafkajs: 5 s): at 1 s, a service's consumers stop within seconds, at one idle fetch a second.
   */
  consumer(groupId: string, config: Omit<ConsumerConfig, 'groupId'> = {}): Consumer {
    return this.kafka.consumer({ allowAutoTopicCreation: false, maxWaitTimeInMs: IDLE_FETCH_WAIT_MS, ...config, groupId });
  }

  /** Where each partition of a topic starts and ends now, in partition order. */
  async offsets(topic: string): Promise<{ partition: number; low: number; high: number }[]> {
    const ends = await this.admin.fetchTopicOffsets(topic);
    return ends.map((end) => ({ partition: end.partition, low: Number(end.low), high: Number(end.high) })).sort((a, b) => a.partition - b.partition);
  }

  /** Where each partition of a topic ends now, and where a consumer group stands in it (-1: nowhere yet). */
  async positions(topic: string, groupId: string): Promise<{ partition: number; low: number; high: number; committed: number }[]> {
    const ends = await this.offsets(topic);
    const [committed] = await this.admin.fetchOffsets({ groupId, topics: [topic] });
    return ends.map((end) => ({ ...end, committed: Number(committed.partitions.find((p) => p.partition === end.partition)?.offset ?? -1) }));
  }

  /** Readiness: a metadata round trip to the cluster. */
  async ping(): Promise<void> {
    await this.admin.describeCluster();
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
    this.producerConnected = false;
    await this.admin.disconnect();
  }

  private newProducer(): Producer {
    return this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // The Java client's murmur2 partitioning: other clients put the same key on the same partition.
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  private async connectProducer() {
    if (this.producerConnected) return;
    await this.producer.connect();
    this.producerConnected = true;
  }

  private async renewProducer() {
    const old = this.producer;
    this.producer = this.newProducer();
    this.producerConnected = false;
    await old.disconnect().catch(() => undefined);
  }

  private forward(entry: LogEntry) {
    const { message, ...extra } = entry.log;
    // Retries are bounded on purpose (a relay pass must fail and roll back rather than hang);
    // consumers deduplicate by eventId, so kafkajs's warning about it is noise here.
    if (message.startsWith('Limiting retries for the idempotent producer')) return;
    const line = { message: `kafkajs: ${message}`, namespace: entry.namespace, ...extra };
    if (entry.level === logLevel.ERROR) this.logger.error(line);
    else this.logger.warn(line);
  }
}
