import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { findContract, validatePayload } from '@trialstream/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { AdjustableClock, type Clock } from '../clock/clock';
import { runWithCorrelation } from '../context/correlation';
import type { Outbox } from '../messaging/outbox';
import { PENDING } from './pending';
import type { TimerMetrics } from './timer-metrics';

export interface TimerSchedulerSettings {
  /** Longest sleep between passes: how late a timer set by another instance can fire at worst. */
  pollIntervalMs: number;
  batchSize: number;
}

interface DueTimer {
  id: string;
  timer_key: string;
  event_type: string;
  event_version: number;
  trial_id: string;
  subject_id: string | null;
  payload: Record<string, unknown>;
  correlation_id: string | null;
  causation_id: string | null;
}

type Outcome = { type: string; fired: boolean };

/** A timer whose event went into the outbox in this pass: marked fired with the others at the pass's end. */
type Fired = { id: string; eventId: string };

const RETRY_AFTER_FAILURE_MS = 1000;

/**
 * Fires due timers: each pass claims due pending timers with FOR UPDATE SKIP LOCKED and, in the
 * same transaction, puts each one's event in the outbox and marks it fired, so a timer fires once
 * across instances and restarts. Due means due by the injected clock, never the database's. The
 * first pass runs on start (timers that fell due while the service was down); then it sleeps
 * until the earliest pending due time, at most pollIntervalMs, waking early on wake().
 */
export class TimerScheduler {
  private readonly logger = new Logger('TimerScheduler');
  private running = false;
  private loop: Promise<void> = Promise.resolve();
  private sleeper?: { until: number; timer: NodeJS.Timeout; resolve: () => void };
  /** A wake that came while a pass ran: the real time (ms) the next sleep must end by. */
  private wakeBy = Infinity;
  private stopFollowingClock?: () => void;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly settings: TimerSchedulerSettings,
    private readonly metrics?: TimerMetrics,
  ) {}

  start(): void {
    this.running = true;
    if (this.clock instanceof AdjustableClock) this.stopFollowingClock = this.clock.onJump(() => this.wake());
    this.loop = this.run();
  }

  /** Stops; resolves once the pass in hand has committed or rolled back. */
  async stop(): Promise<void> {
    this.running = false;
    this.stopFollowingClock?.();
    this.endSleep();
    await this.loop;
  }

  /**
   * A timer falls due at dueAt (one was scheduled in this process), or, without it, now (the clock
   * jumped): pass then, if that is sooner than planned.
   */
  wake(dueAt?: Date): void {
    if (!this.running) return;
    const inMs = dueAt ? Math.max(0, dueAt.getTime() - this.clock.now().getTime()) : 0;
    const by = Date.now() + inMs;
    const sleeper = this.sleeper;
    if (!sleeper) {
      this.wakeBy = Math.min(this.wakeBy, by);
    } else if (by < sleeper.until) {
      clearTimeout(sleeper.timer);
      sleeper.until = by;
      sleeper.timer = setTimeout(() => this.endSleep(), inMs);
    }
  }

  /** One pass; returns how many timers fired. */
  async fireDue(): Promise<number> {
    return (await this.pass(this.clock.now())).filter((o) => o.fired).length;
  }

  private async run() {
    while (this.running) {
      let delayMs = RETRY_AFTER_FAILURE_MS;
      try {
        const now = this.clock.now();
        const claimed = await this.pass(now);
        delayMs = claimed.length === this.settings.batchSize ? 0 : await this.untilNextDue(now);
      } catch (error) {
        this.logger.error({ message: 'timer pass failed; will retry', error: (error as Error).message });
      }
      if (this.running) await this.sleep(delayMs);
    }
  }

  /**
   * Claims the due timers of one batch and fires each; returns what became of each. The batch's
   * events go into the outbox in one insert and the timers are marked fired in one statement:
   * two statements a timer made a pass of 500 take half a second on a busy machine, and timers
   * falling due a thousand a second fell behind.
   */
  private async pass(now: Date): Promise<Outcome[]> {
    const outcomes = await this.dataSource.transaction(async (tx) => {
      const due: DueTimer[] = await tx.query(
        `SELECT id, timer_key, event_type, event_version, trial_id, subject_id, payload, correlation_id, causation_id
           FROM scheduled_event WHERE ${PENDING} AND due_at <= $1
          ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [now, this.settings.batchSize],
      );
      const done: Outcome[] = [];
      const fired: Fired[] = [];
      this.outbox.defer(tx);
      for (const timer of due) done.push(await this.fireOne(tx, timer, now, fired));
      await this.outbox.flush(tx);
      if (fired.length > 0) {
        await tx.query(
          `UPDATE scheduled_event s SET fired_at = $1, fired_event_id = f.event_id
             FROM unnest($2::bigint[], $3::uuid[]) AS f(id, event_id) WHERE s.id = f.id`,
          [now, fired.map((f) => f.id), fired.map((f) => f.eventId)],
        );
      }
      return done;
    });
    for (const { type, fired } of outcomes) {
      if (fired) this.metrics?.fired.inc({ type });
      else this.metrics?.failed.inc({ type });
    }
    return outcomes;
  }

  private async fireOne(tx: EntityManager, timer: DueTimer, now: Date, fired: Fired[]): Promise<Outcome> {
    const { event_type: type, event_version: version } = timer;
    const contract = findContract(type, version);
    if (!contract) return this.cannotFire(tx, timer, now, `${type} version ${version} is not in the event catalogue`);
    const check = validatePayload(contract, timer.payload);
    if (!check.ok) return this.cannotFire(tx, timer, now, `the payload no longer meets ${type} version ${version}: ${check.reason}`);
    // The event carries the correlation of the work that scheduled it, not of whatever woke this pass.
    const context = { correlationId: timer.correlation_id ?? randomUUID(), ...(timer.causation_id ? { causationId: timer.causation_id } : {}) };
    const event = { trialId: timer.trial_id, ...(timer.subject_id ? { subjectId: timer.subject_id } : {}), payload: timer.payload };
    const envelope = await runWithCorrelation(context, () => this.outbox.enqueue(tx, contract, event));
    fired.push({ id: timer.id, eventId: envelope.eventId });
    return { type, fired: true };
  }

  /**
   * A timer whose event no longer meets a known contract (its version was retired while it
   * waited) is cancelled with the reason, so it cannot hold back the timers behind it.
   */
  private async cannotFire(tx: EntityManager, timer: DueTimer, now: Date, reason: string): Promise<Outcome> {
    await tx.query(`UPDATE scheduled_event SET cancelled_at = $2, failure = $3 WHERE id = $1`, [timer.id, now, reason]);
    this.logger.error({ message: 'timer cannot fire; cancelled', timerKey: timer.timer_key, type: timer.event_type, reason });
    return { type: timer.event_type, fired: false };
  }

  /** Time until the earliest pending timer not yet due at `now`; rows due by then were fired or are held by another instance. */
  private async untilNextDue(now: Date): Promise<number> {
    const [{ next }] = await this.dataSource.query(`SELECT min(due_at) AS next FROM scheduled_event WHERE ${PENDING} AND due_at > $1`, [now]);
    if (!next) return this.settings.pollIntervalMs;
    return Math.min(Math.max(0, (next as Date).getTime() - this.clock.now().getTime()), this.settings.pollIntervalMs);
  }

  private sleep(ms: number): Promise<void> {
    const until = Math.min(Date.now() + ms, this.wakeBy);
    this.wakeBy = Infinity;
    const delay = until - Date.now();
    if (delay <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.sleeper = { until, resolve, timer: setTimeout(() => this.endSleep(), delay) };
    });
  }

  private endSleep() {
    const sleeper = this.sleeper;
    this.sleeper = undefined;
    if (!sleeper) return;
    clearTimeout(sleeper.timer);
    sleeper.resolve();
  }
}
