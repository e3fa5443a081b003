import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import { decodeEnvelope, deadLetterTopic, RuleViolationError, validatePayload, type ConsumingService, type EventEnvelope } from '@trialstream/contracts';
import type { Consumer, EachMessagePayload } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { runWithCorrelation } from '../context/correlation';
import type { ServiceMetrics } from '../metrics/metrics';
import { deadLetterHeaders } from './headers';
import type { AnyEventHandler, EventHandler } from './event-handler';
import type { KafkaConnection } from './kafka-connection';

export interface ConsumerSettings {
  service: ConsumingService;
  maxAttempts: number;
  retryBackoffMs: number;
}

type Outcome = 'handled' | 'duplicate' | 'ignored' | 'dead_lettered';

/**
 * Consumes the topics of the events this service handles, with kafkajs directly: Nest's Kafka
 * transport has no bounded-retry or dead-letter path, so one failing message would block its
 * partition. Each message is decoded, validated against its contract, handled once per eventId
 * (ledger row and handler writes share a transaction), or dead-lettered with a reason; the offset
 * moves on only after one of those has happened.
 */
export class EventConsumer {
  private readonly logger = new Logger('EventConsumer');
  private handlers = new Map<string, EventHandler>();
  private consumer?: Consumer;
  private stopping = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: KafkaConnection,
    private readonly metrics: ServiceMetrics,
    private readonly settings: ConsumerSettings,
  ) {}

  get groupId(): string {
    return `${this.kafka.settings.topicPrefix}trialstream.${this.settings.service}`;
  }

  async start(handlers: AnyEventHandler[]): Promise<void> {
    this.handlers = new Map(handlers.map((h) => [`${h.contract.type}@${h.contract.version}`, h]));
    if (this.handlers.size === 0) return;
    const topics = [...new Set([...this.handlers.values()].map((h) => this.kafka.topic(h.contract.topic)))];
    this.consumer = this.kafka.kafka.consumer({ groupId: this.groupId, allowAutoTopicCreation: false });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics, fromBeginning: true });
    await this.consumer.run({ eachMessage: (message) => this.onMessage(message) });
    this.logger.log({ message: 'consuming', groupId: this.groupId, topics });
  }

  /** Stops fetching; kafkajs waits for the message in hand before it disconnects. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.consumer?.disconnect();
  }

  private async onMessage(source: EachMessagePayload): Promise<void> {
    const outcome = await this.process(source);
    this.metrics.eventsConsumed.inc({ type: this.typeHeader(source) ?? 'unknown', outcome });
  }

  private async process(source: EachMessagePayload): Promise<Outcome> {
    const decoded = decodeEnvelope(source.message.value);
    if (!decoded.ok) return this.deadLetter(source, decoded.kind, decoded.reason);
    const { envelope, contract } = decoded;
    const handler = this.handlers.get(`${contract.type}@${contract.version}`);
    if (!handler) return 'ignored';
    const payload = validatePayload(contract, envelope.payload);
    if (!payload.ok) return this.deadLetter(source, 'INVALID_PAYLOAD', payload.reason);
    const event = { ...envelope, payload: payload.payload } as EventEnvelope<object>;
    return runWithCorrelation({ correlationId: event.correlationId, causationId: event.eventId }, () =>
      this.handleWithRetries(source, handler, event),
    );
  }

  private async handleWithRetries(source: EachMessagePayload, handler: EventHandler, event: EventEnvelope<object>): Promise<Outcome> {
    for (let attempt = 1; ; attempt++) {
      try {
        return (await this.handleOnce(handler, event)) ? 'handled' : 'duplicate';
      } catch (error) {
        const message = (error as Error).message;
        // A broken rule will break again: dead-letter at once instead of retrying.
        if (error instanceof RuleViolationError) return this.deadLetter(source, 'REJECTED', `rejected by the handler: ${message}`);
        if (attempt >= this.settings.maxAttempts) {
          return this.deadLetter(source, 'HANDLER_FAILED', `handler failed after ${attempt} attempts: ${message}`);
        }
        // Leave the message uncommitted on shutdown: it is redelivered and handled once later.
        if (this.stopping) throw error;
        this.logger.warn({ message: 'handler failed; retrying', eventId: event.eventId, attempt, error: message });
        await sleep(this.settings.retryBackoffMs * 2 ** (attempt - 1));
        await source.heartbeat();
      }
    }
  }

  /** Returns false when the event had already been processed (a redelivery). */
  private async handleOnce(handler: EventHandler, event: EventEnvelope<object>): Promise<boolean> {
    return this.dataSource.transaction(async (tx) => {
      const recorded: unknown[] = await tx.query(
        `INSERT INTO processed_event (consumer_group, event_id, event_type) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.groupId, event.eventId, event.type],
      );
      if (recorded.length === 0) return false;
      await handler.handle(event, tx);
      return true;
    });
  }

  private async deadLetter(source: EachMessagePayload, kind: string, reason: string): Promise<Outcome> {
    const { topic, partition, message } = source;
    this.logger.warn({ message: 'dead-lettering message', kind, reason, topic, partition, offset: message.offset });
    await this.kafka.producer.send({
      topic: this.kafka.topic(deadLetterTopic(this.settings.service)),
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            ...message.headers,
            ...deadLetterHeaders({
              kind,
              reason,
              sourceTopic: topic,
              sourcePartition: partition,
              sourceOffset: message.offset,
              consumerGroup: this.groupId,
            }),
          },
        },
      ],
    });
    this.metrics.eventsDeadLettered.inc({ kind });
    return 'dead_lettered';
  }

  private typeHeader(source: EachMessagePayload): string | undefined {
    return source.message.headers?.['event-type']?.toString();
  }
}
