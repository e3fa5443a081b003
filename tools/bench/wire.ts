import { setTimeout as sleep } from 'node:timers/promises';
import type { Consumer, IHeaders, Kafka } from 'kafkajs';

export { createTopics, deleteWithPrefix, isLoopbackHost, kafkaClient, LoadGenerator, loopbackBrokers, type OutMessage } from '../../libs/testing/src/kafka-load';

/**
 * What the benchmark sees of Kafka, from outside the services: a load generator, admin chores, and
 * a watcher that counts what lands on a topic, per phase of the run.
 */

/** One phase of a run: N messages whose keys are `<tag>-<phase>-<index>`. */
export class Phase {
  readonly receivedAt: Float64Array;
  readonly recordTimestamp: Float64Array;
  readonly copies: Uint16Array;
  readonly eventIds = new Set<string>();
  distinct = 0;
  total = 0;
  repeatedEventIds = 0;
  lastArrival = 0;

  constructor(readonly name: string, readonly expected: number) {
    this.receivedAt = new Float64Array(expected);
    this.recordTimestamp = new Float64Array(expected);
    this.copies = new Uint16Array(expected);
  }

  record(index: number, eventId: string | undefined, receivedAt: number, timestamp: number): void {
    this.total++;
    if (eventId) {
      if (this.eventIds.has(eventId)) this.repeatedEventIds++;
      else this.eventIds.add(eventId);
    }
    if (index < 0 || index >= this.expected) return; // counted in total: shows up as a surplus
    if (this.copies[index]++ === 0) {
      this.distinct++;
      this.receivedAt[index] = receivedAt;
      this.recordTimestamp[index] = timestamp;
      this.lastArrival = receivedAt;
    }
  }

  /** Messages beyond one per expected key (a re-sent event, or a second decision for one subject). */
  get surplus(): number {
    return this.total - this.distinct;
  }

  get missing(): number {
    return this.expected - this.distinct;
  }

  /** When the last expected message arrived (receive time) and its latest record timestamp. */
  completion(): { receivedAt: number; recordTimestamp: number } {
    let receivedAt = 0;
    let recordTimestamp = 0;
    for (let i = 0; i < this.expected; i++) {
      if (this.receivedAt[i] > receivedAt) receivedAt = this.receivedAt[i];
      if (this.recordTimestamp[i] > recordTimestamp) recordTimestamp = this.recordTimestamp[i];
    }
    return { receivedAt, recordTimestamp };
  }

  /** Arrival times of the expected messages that arrived, earliest first. */
  arrivals(): Float64Array {
    const times = new Float64Array(this.distinct);
    let n = 0;
    for (let i = 0; i < this.expected; i++) if (this.copies[i] > 0) times[n++] = this.receivedAt[i];
    return times.sort();
  }
}

export interface DeadLetter {
  key: string;
  kind: string;
  reason: string;
}

function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? String(value[0]) : String(value);
}

/**
 * A consumer (its own group, from the beginning) counting what arrives on a topic, per phase, by
 * message key. Optionally only messages with a given event-type header, and a dead-letter topic
 * whose every message is a lost event.
 */
export class WireWatch {
  private readonly consumer: Consumer;
  private readonly phases = new Map<string, Phase>();
  readonly deadLetters: DeadLetter[] = [];
  /** Messages of the watched type whose key matches no phase of this run. */
  strays = 0;
  private joined = false;

  constructor(
    kafka: Kafka,
    groupId: string,
    private readonly topic: string,
    private readonly tag: string,
    private readonly options: { eventType?: string; deadLetterTopic?: string } = {},
  ) {
    this.consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 250 });
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
      this.joined = true;
    });
  }

  phase(name: string, expected: number): Phase {
    const phase = new Phase(name, expected);
    this.phases.set(name, phase);
    return phase;
  }

  /** Connects and returns once the consumer has joined its group, so arrival times are not delayed by the join. */
  async start(timeoutMs = 30_000): Promise<void> {
    await this.consumer.connect();
    const topics = [this.topic, ...(this.options.deadLetterTopic ? [this.options.deadLetterTopic] : [])];
    await this.consumer.subscribe({ topics, fromBeginning: true });
    await this.consumer.run({
      eachBatch: async ({ batch }) => {
        const now = Date.now();
        if (batch.topic === this.options.deadLetterTopic) {
          for (const m of batch.messages) {
            this.deadLetters.push({
              key: m.key?.toString() ?? '',
              kind: headerText(m.headers, 'dead-letter-kind') ?? '?',
              reason: headerText(m.headers, 'dead-letter-reason') ?? '?',
            });
          }
          return;
        }
        for (const m of batch.messages) {
          if (this.options.eventType && headerText(m.headers, 'event-type') !== this.options.eventType) continue;
          this.observe(m.key?.toString() ?? '', headerText(m.headers, 'event-id'), now, Number(m.timestamp));
        }
      },
    });
    const deadline = Date.now() + timeoutMs;
    while (!this.joined) {
      if (Date.now() > deadline) throw new Error(`the watcher of ${this.topic} did not join its group within ${timeoutMs / 1000} s`);
      await sleep(50);
    }
  }

  private observe(key: string, eventId: string | undefined, receivedAt: number, timestamp: number): void {
    const [tag, phaseName, index] = key.split('-');
    const phase = tag === this.tag ? this.phases.get(phaseName) : undefined;
    if (!phase) {
      this.strays++;
      return;
    }
    phase.record(Number(index), eventId, receivedAt, timestamp);
  }

  /**
   * Waits until every expected message of the phase arrived, then a short grace period to catch late
   * duplicates. Bounded twice: nothing new for `stallMs`, or `maxMs` in all. Never throws: the
   * caller reads phase.missing.
   */
  async settle(
    phase: Phase,
    { stallMs, maxMs, graceMs, onProgress, stop }: { stallMs: number; maxMs: number; graceMs: number; onProgress?: (p: Phase) => void; stop?: () => boolean },
  ): Promise<'complete' | 'stalled' | 'timed out' | 'stopped'> {
    const started = Date.now();
    let lastCount = -1;
    let lastChange = started;
    let lastReport = 0;
    let outcome: 'complete' | 'stalled' | 'timed out' | 'stopped' = 'complete';
    while (phase.distinct < phase.expected) {
      if (stop?.()) return 'stopped';
      const now = Date.now();
      if (phase.distinct !== lastCount) {
        lastCount = phase.distinct;
        lastChange = now;
      }
      if (now - lastChange > stallMs) {
        outcome = 'stalled';
        break;
      }
      if (now - started > maxMs) {
        outcome = 'timed out';
        break;
      }
      if (onProgress && now - lastReport >= 1_000) {
        lastReport = now;
        onProgress(phase);
      }
      await sleep(20);
    }
    onProgress?.(phase);
    await sleep(graceMs);
    return outcome;
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}
