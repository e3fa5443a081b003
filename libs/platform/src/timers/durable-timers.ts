import { Logger } from '@nestjs/common';
import { validatePayload, type EventContract } from '@trialstream/contracts';
import { instanceToPlain } from 'class-transformer';
import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../clock/clock';
import { currentCorrelation } from '../context/correlation';
import type { NewEvent } from '../messaging/outbox';
import { PENDING } from './pending';
import { WakeAfterCommit } from './wake-after-commit';

export interface TimerRequest<P extends object> {
  /** Names what the timer is for; scheduling the same key again moves the pending timer. */
  key: string;
  dueAt: Date;
  contract: EventContract<P>;
  event: NewEvent<P>;
}

export interface PendingTimer {
  key: string;
  dueAt: Date;
  type: string;
  version: number;
  trialId: string;
  subjectId?: string;
  payload: Record<string, unknown>;
  createdAt: Date;
}

export type ScheduledListener = (dueAt: Date) => void;


/**
 * Schedules events to be published at a due time, inside the caller's business transaction, so a
 * state change and the timers it sets commit or roll back together. TimerScheduler fires them.
 */
export class DurableTimers {
  private readonly logger = new Logger('DurableTimers');
  private readonly listeners = new Set<ScheduledListener>();
  private readonly afterCommit = new WakeAfterCommit((dueAt) => this.tell(dueAt));

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    dataSource.subscribers.push(this.afterCommit);
  }

  /**
   * Sets the timer, or moves the pending one with this key to the new due time and event. The
   * payload is checked against its contract now, not when it fires.
   */
  async schedule<P extends object>(tx: EntityManager, timer: TimerRequest<P>): Promise<void> {
    if (!timer.key) throw new Error('a timer needs a key');
    if (Number.isNaN(timer.dueAt.getTime())) throw new Error(`timer ${timer.key}: dueAt is not a valid date`);
    const { contract, event } = timer;
    const payload = instanceToPlain(event.payload);
    const check = validatePayload(contract, payload);
    if (!check.ok) throw new Error(`refusing to schedule an invalid ${contract.type}: ${check.reason}`);
    const context = currentCorrelation();
    await tx.query(
      `INSERT INTO scheduled_event (timer_key, due_at, event_type, event_version, trial_id, subject_id, payload, correlation_id, causation_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (timer_key) WHERE ${PENDING} DO UPDATE SET
         due_at = EXCLUDED.due_at, event_type = EXCLUDED.event_type, event_version = EXCLUDED.event_version,
         trial_id = EXCLUDED.trial_id, subject_id = EXCLUDED.subject_id, payload = EXCLUDED.payload,
         correlation_id = EXCLUDED.correlation_id, causation_id = EXCLUDED.causation_id`,
      [
        timer.key, timer.dueAt, contract.type, contract.version, event.trialId, event.subjectId ?? null, JSON.stringify(payload),
        context?.correlationId ?? null, context?.causationId ?? null, this.clock.now(),
      ],
    );
    this.afterCommit.hold(tx.queryRunner, timer.dueAt);
  }

  /** Cancels the pending timer with this key; false when there is none (never set, fired or cancelled already). */
  async cancel(tx: EntityManager, key: string): Promise<boolean> {
    const [, cancelled] = await tx.query(`UPDATE scheduled_event SET cancelled_at = $2 WHERE timer_key = $1 AND ${PENDING}`, [
      key,
      this.clock.now(),
    ]);
    return cancelled > 0;
  }

  async pending(key: string): Promise<PendingTimer | undefined> {
    const [row] = await this.dataSource.query(
      `SELECT timer_key, due_at, event_type, event_version, trial_id, subject_id, payload, created_at FROM scheduled_event
        WHERE timer_key = $1 AND ${PENDING}`,
      [key],
    );
    if (!row) return undefined;
    return {
      key: row.timer_key,
      dueAt: row.due_at,
      type: row.event_type,
      version: row.event_version,
      trialId: row.trial_id,
      ...(row.subject_id ? { subjectId: row.subject_id } : {}),
      payload: row.payload,
      createdAt: row.created_at,
    };
  }

  /**
   * Once a transaction that set timers commits (so a scheduler woken by it can see them), calls the
   * listener with the earliest due time it set; returns a function that stops it.
   */
  onScheduled(listener: ScheduledListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private tell(dueAt: Date) {
    for (const listener of this.listeners) {
      // A throwing listener must not turn the caller's committed transaction into an error.
      try {
        listener(dueAt);
      } catch (error) {
        this.logger.error({ message: 'timer listener failed', error: (error as Error).message });
      }
    }
  }
}
