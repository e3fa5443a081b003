import { Logger } from '@nestjs/common';
import { Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import { findContract, type ConsumingService, type EventContract } from '@trialstream/contracts';
import type { Consumer, EachBatchPayload } from 'kafkajs';
import { isObservable, lastValueFrom } from 'rxjs';
import type { DataSource } from 'typeorm';
import type { ServiceMetrics } from '../metrics/metrics';
import type { ConsumedMessage, InvokeHandlers, RegisteredHandlers } from './consumed-message';
import { DeadLetterer } from './dead-letterer';
import { BatchCoalescer } from './batch-coalescer';
import { EventProcessor } from './event-processor';
import { EventContext } from './handles-event';
import type { KafkaConnection } from './kafka-connection';
import type { Outbox } from './outbox';
import { ParkedEvents } from './parked-events';
import { WakeSignal } from './wake-signal';

export interface TransportSettings {
  service: ConsumingService;
  maxAttempts: number;
  retryBackoffMs: number;
  maxRetryBackoffMs: number;
  parkTimeoutMs: number;
  parkedRetryIntervalMs: number;
  /** Partitions handled at once (each in its own transaction); at most the partition count helps. */
  partitionsConsumedConcurrently: number;
  /** Most messages handled in one transaction. */
  maxBatchSize: number;
  /** Partition batches smaller than this that arrive together are handled in one transaction. */
  coalesceBelow: number;
  /** How often handled offsets go to the broker while busy; once idle for this long, at once. */
  offsetCommitIntervalMs: number;
  /** How long the group waits for a silent member (a crashed instance) before its partitions move on. */
  sessionTimeoutMs: number;
}

/**
 * A Nest microservice transport over Kafka with exactly-once effects, for handlers declared with
 * `@HandlesEvent(contract)`. Nest's own Kafka transport is not used: a handler that keeps failing
 * blocks its partition, and it has no dead-letter path, no idempotent ledger and no outbox.
 * Partitions are consumed concurrently; each fetched batch goes to the EventProcessor (small ones
 * fetched together go as one, see BatchCoalescer), and the offset moves on only once every message
 * in it is handled, parked or dead-lettered. Offsets are committed on an interval and when the
 * consumer goes idle, not after every batch (kafkajs's default): at light load a commit per batch
 * was much of the work. Offsets not yet committed when a consumer stops or loses a partition are
 * delivered again, and the processed-event ledger gives each one no second effect.
 */
export class KafkaEventTransport extends Server implements CustomTransportStrategy {
  protected override readonly logger = new Logger('KafkaEventTransport');
  private consumer?: Consumer;
  private stopping = false;
  private parkedRetry: Promise<void> = Promise.resolve();
  private readonly parkedSignal = new WakeSignal();
  private idleCommit?: NodeJS.Timeout;
  private commitHandled: () => Promise<void> = async () => undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: KafkaConnection,
    private readonly outbox: Outbox,
    private readonly metrics: ServiceMetrics,
    private readonly settings: TransportSettings,
  ) {
    super();
  }

  get consumerGroup(): string {
    return `${this.kafka.settings.topicPrefix}trialstream.${this.settings.service}`;
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      await this.start();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  /** Stops fetching; kafkajs lets the batch in hand finish before it disconnects. Safe to call twice. */
  async close(): Promise<void> {
    this.stopping = true;
    this.parkedSignal.wake();
    clearTimeout(this.idleCommit);
    await this.commitHandled().catch(() => undefined);
    await this.consumer?.disconnect();
    await this.parkedRetry;
    this.consumer = undefined;
  }

  on(): void {
    throw new Error('KafkaEventTransport emits no events to listen to');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  private async start(): Promise<void> {
    const handlers = this.registeredHandlers();
    if (handlers.size === 0) return;
    const deadLetters = new DeadLetterer(this.kafka, this.metrics, this.settings.service, this.consumerGroup);
    const processor = new EventProcessor(this.dataSource, this.outbox, deadLetters, new ParkedEvents(this.dataSource, this.consumerGroup), this.metrics, {
      ...this.settings,
      consumerGroup: this.consumerGroup,
    }, handlers);
    const topics = [...new Set([...handlers.values()].map((h) => this.kafka.topic(h.contract.topic)))];
    // Heartbeats go out at most a third of the session apart (kafkajs's default interval is 3 s).
    const { sessionTimeoutMs: sessionTimeout } = this.settings;
    this.consumer = this.kafka.consumer(this.consumerGroup, { sessionTimeout, heartbeatInterval: Math.min(3_000, Math.floor(sessionTimeout / 3)) });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics, fromBeginning: true });
    // Every batch of one consumer has the same heartbeat; the group's is the latest caller's.
    let heartbeat: () => Promise<void> = async () => undefined;
    const coalescer = new BatchCoalescer<ConsumedMessage>(this.settings.coalesceBelow, this.settings.maxBatchSize, (batches) =>
      processor.processBatches(batches, () => heartbeat(), () => this.stopping),
    );
    await this.consumer.run({
      partitionsConsumedConcurrently: this.settings.partitionsConsumedConcurrently,
      eachBatchAutoResolve: false,
      autoCommit: false,
      autoCommitInterval: this.settings.offsetCommitIntervalMs,
      eachBatch: (payload) => {
        heartbeat = payload.heartbeat;
        return this.onBatch(coalescer, payload);
      },
    });
    this.parkedRetry = this.retryParkedEvents(processor);
    this.logger.log({ message: 'consuming', groupId: this.consumerGroup, topics });
  }

  private async onBatch(coalescer: BatchCoalescer<ConsumedMessage>, payload: EachBatchPayload) {
    const { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale } = payload;
    for (let start = 0; start < batch.messages.length; start += this.settings.maxBatchSize) {
      if (!isRunning() || isStale()) return;
      const chunk = batch.messages.slice(start, start + this.settings.maxBatchSize);
      const messages: ConsumedMessage[] = chunk.map((m) => ({ topic: batch.topic, partition: batch.partition, offset: m.offset, key: m.key, value: m.value, headers: m.headers }));
      await coalescer.submit(messages);
      resolveOffset(chunk[chunk.length - 1].offset);
      await commitOffsetsIfNecessary();
      await heartbeat();
    }
    this.commitWhenIdle(payload);
  }

  /** Commits what has been handled once no batch has come for the commit interval; tries again while it fails. */
  private commitWhenIdle({ commitOffsetsIfNecessary, uncommittedOffsets }: EachBatchPayload) {
    this.commitHandled = () => commitOffsetsIfNecessary(uncommittedOffsets());
    const commitLater = () => {
      clearTimeout(this.idleCommit);
      this.idleCommit = setTimeout(() => {
        this.commitHandled().catch((error) => {
          this.logger.warn({ message: 'committing handled offsets failed; will try again', error: (error as Error).message });
          if (!this.stopping) commitLater();
        });
      }, this.settings.offsetCommitIntervalMs);
      this.idleCommit.unref();
    };
    commitLater();
  }

  private async retryParkedEvents(processor: EventProcessor) {
    while (!this.stopping) {
      try {
        // A settled message may free the next one of its key: go again at once.
        if ((await processor.retryParked()) > 0) continue;
      } catch (error) {
        this.logger.error({ message: 'retrying parked events failed; will try again', error: (error as Error).message });
      }
      await this.parkedSignal.wait(this.settings.parkedRetryIntervalMs);
    }
  }

  /** Handlers by pattern, each with its contract (from `@HandlesEvent`, or found by a plain `Type@version` pattern). */
  private registeredHandlers(): Map<string, RegisteredHandlers> {
    const registered = new Map<string, RegisteredHandlers>();
    for (const [pattern, head] of this.getHandlers()) {
      const contract = (head.extras?.contract as EventContract | undefined) ?? this.contractOf(pattern);
      registered.set(pattern, { contract, batch: head.extras?.batch === true, invoke: this.invoker(head) });
    }
    return registered;
  }

  private contractOf(pattern: string): EventContract {
    const [type, version] = pattern.split('@');
    const contract = findContract(type, Number(version));
    if (!contract) throw new Error(`no event contract matches the handler pattern "${pattern}" (use @HandlesEvent(contract))`);
    return contract;
  }

  /** Every handler declared for one pattern, in order, in the same transaction: a batch handler once, the others per event. */
  private invoker(head: MessageHandler): InvokeHandlers {
    return async (events, tx, source) => {
      for (let handler: MessageHandler | undefined = head; handler; handler = handler.next) {
        const calls = handler.extras?.batch === true ? [events] : events;
        for (const payload of calls) {
          const result = await handler(payload, new EventContext([tx, source]));
          if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
        }
      }
    };
  }
}
