import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AdjustableClock, Clock, ServiceMetrics, WakeSignal } from '@trialstream/platform';
import { Counter } from 'prom-client';
import { DataSource } from 'typeorm';
import { afterFailure, signatureHeader, type RetrySettings } from '../domain/alert-deliveries';
import { DELIVERIES_QUEUED } from './alert-delivery-queue';
import type { SafetyEnv } from './safety-env';
import { postAlert } from './webhook-post';

interface ClaimedDelivery {
  delivery_id: string;
  alert_id: string;
  body: string;
  attempts: number;
  pending_since: Date;
  url: string;
  secret: string;
}

/** Most deliveries attempted at once by one instance. */
const BATCH_SIZE = 20;
/** How long past the request timeout a claimed delivery stays with the instance attempting it. */
const LEASE_MARGIN_MS = 30_000;
/** After a failed pass (the database unreachable, say): sooner than a long poll interval. */
const RETRY_AFTER_FAILURE_MS = 1000;

/**
 * POSTs queued alerts to their subscribers' endpoints. Each pass claims due deliveries with FOR
 * UPDATE SKIP LOCKED and leases them (the next attempt moves past the request timeout) in one
 * statement, so instances never attempt the same delivery at once, and one that crashes mid-attempt
 * leaves it to be tried again when the lease ends. No transaction is held while a request waits.
 * An attempt is at least once: the receiver deduplicates by Idempotency-Key (the alert id).
 * Between passes it sleeps until the next retry falls due, and a commit in this process that queued
 * deliveries wakes it at once; the poll interval bounds the sleep, for deliveries other instances
 * queued and for a clock moved forward.
 */
@Injectable()
export class AlertDeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('AlertDeliveries');
  private readonly deliveries: Counter<'outcome'>;
  private readonly pollIntervalMs: number;
  private readonly timeoutMs: number;
  private readonly allowPrivateAddresses: boolean;
  private readonly retry: RetrySettings;
  private running = false;
  private loop: Promise<void> = Promise.resolve();
  private readonly signal = new WakeSignal();
  private stopFollowingClock?: () => void;
  private readonly wakeOnCommit = DELIVERIES_QUEUED.onCommit(() => this.signal.wake());

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    config: ConfigService<SafetyEnv, true>,
    metrics: ServiceMetrics,
  ) {
    this.pollIntervalMs = config.get('ALERT_DELIVERY_POLL_INTERVAL_MS', { infer: true });
    this.timeoutMs = config.get('ALERT_DELIVERY_TIMEOUT_MS', { infer: true });
    this.allowPrivateAddresses = config.get('ALERT_DELIVERY_ALLOW_PRIVATE_ADDRESSES', { infer: true });
    this.retry = {
      backoffMs: config.get('ALERT_DELIVERY_BACKOFF_MS', { infer: true }),
      maxBackoffMs: config.get('ALERT_DELIVERY_MAX_BACKOFF_MS', { infer: true }),
      giveUpAfterMs: config.get('ALERT_DELIVERY_GIVE_UP_AFTER_MS', { infer: true }),
    };
    this.deliveries = new Counter({
      name: 'trialstream_alert_deliveries_total',
      help: 'Attempts to deliver an alert to a subscribed endpoint, by outcome (delivered, retrying, dead_lettered).',
      labelNames: ['outcome'],
      registers: [metrics.registry],
    });
  }

  onApplicationBootstrap() {
    this.running = true;
    this.dataSource.subscribers.push(this.wakeOnCommit);
    // A clock moved forward (demo, test) can make retries due at once.
    if (this.clock instanceof AdjustableClock) this.stopFollowingClock = this.clock.onJump(() => this.signal.wake());
    this.loop = this.run();
  }

  /** Stops taking deliveries and waits for the attempts in hand (at most the request timeout). */
  async beforeApplicationShutdown() {
    this.running = false;
    this.stopFollowingClock?.();
    this.signal.wake();
    await this.loop;
    const subscriber = this.dataSource.subscribers.indexOf(this.wakeOnCommit);
    if (subscriber >= 0) this.dataSource.subscribers.splice(subscriber, 1);
  }

  private async run() {
    while (this.running) {
      const passedAt = this.clock.now();
      let claimed = 0;
      let delayMs = Math.min(RETRY_AFTER_FAILURE_MS, this.pollIntervalMs);
      try {
        claimed = await this.pass(passedAt);
        delayMs = await this.untilNextDue(passedAt);
      } catch (error) {
        this.logger.error({ message: 'alert delivery pass failed; will retry', error: (error as Error).message });
      }
      if (this.running && claimed < BATCH_SIZE) await this.signal.wait(delayMs);
    }
  }

  /**
   * How long until the next pending delivery falls due after the pass (a retry it scheduled, say),
   * at most the poll interval. One that was due by the pass and not claimed is left to the poll:
   * another instance held it, or committed it while the pass ran.
   */
  private async untilNextDue(passedAt: Date): Promise<number> {
    const [{ next }]: { next: Date | null }[] = await this.dataSource.query(
      `SELECT min(next_attempt_at) AS next FROM alert_delivery WHERE status = 'PENDING' AND next_attempt_at > $1`,
      [passedAt],
    );
    return next ? Math.max(0, Math.min(next.getTime() - this.clock.now().getTime(), this.pollIntervalMs)) : this.pollIntervalMs;
  }

  private async pass(now: Date): Promise<number> {
    const leasedUntil = new Date(now.getTime() + this.timeoutMs + LEASE_MARGIN_MS);
    const [claimed]: [ClaimedDelivery[], number] = await this.dataSource.query(
      // Only deliveries that can be signed: one whose secret is gone must not take a place in the batch.
      `WITH due AS (
         SELECT d.delivery_id FROM alert_delivery d JOIN alert_subscription_secret k ON k.subscription_id = d.subscription_id
          WHERE d.status = 'PENDING' AND d.next_attempt_at <= $1
          ORDER BY d.next_attempt_at LIMIT $3 FOR UPDATE OF d SKIP LOCKED)
       UPDATE alert_delivery d SET attempts = d.attempts + 1, last_attempt_at = $1, next_attempt_at = $2
         FROM due, alert_subscription s, alert_subscription_secret k
        WHERE d.delivery_id = due.delivery_id AND s.subscription_id = d.subscription_id AND k.subscription_id = d.subscription_id
       RETURNING d.delivery_id, d.alert_id, d.body, d.attempts, d.pending_since, s.url, k.secret`,
      [now, leasedUntil, BATCH_SIZE],
    );
    // Every attempt in hand ends before the pass does (shutdown waits for them), even if one fails to record its outcome.
    const failed = (await Promise.allSettled(claimed.map((delivery) => this.attempt(delivery)))).find((o) => o.status === 'rejected');
    if (failed) throw failed.reason;
    return claimed.length;
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    const failure = await this.post(delivery);
    const now = this.clock.now();
    // Only the attempt that holds the lease records its outcome: not one whose lease ended, nor after a cancellation.
    const mine = `delivery_id = $1 AND attempts = $2 AND status = 'PENDING'`;
    if (failure === undefined) {
      await this.dataSource.query(`UPDATE alert_delivery SET status = 'DELIVERED', delivered_at = $3 WHERE ${mine}`, [delivery.delivery_id, delivery.attempts, now]);
      this.deliveries.inc({ outcome: 'delivered' });
      return;
    }
    const next = afterFailure(delivery.attempts, delivery.pending_since, now, this.retry);
    const context = { deliveryId: delivery.delivery_id, alertId: delivery.alert_id, attempt: delivery.attempts, error: failure };
    if (next.status === 'PENDING') {
      await this.dataSource.query(`UPDATE alert_delivery SET last_error = $3, next_attempt_at = $4 WHERE ${mine}`, [delivery.delivery_id, delivery.attempts, failure, next.nextAttemptAt]);
      this.deliveries.inc({ outcome: 'retrying' });
      this.logger.warn({ message: 'alert delivery failed; will retry', ...context, nextAttemptAt: next.nextAttemptAt.toISOString() });
    } else {
      await this.dataSource.query(`UPDATE alert_delivery SET last_error = $3, status = 'DEAD_LETTERED', dead_lettered_at = $4 WHERE ${mine}`, [delivery.delivery_id, delivery.attempts, failure, now]);
      this.deliveries.inc({ outcome: 'dead_lettered' });
      this.logger.error({ message: 'alert delivery dead-lettered: replay it once the endpoint answers (POST /alert-deliveries/{id}/replay)', ...context });
    }
  }

  /** One POST; undefined when the endpoint took it (2xx), else why not. */
  private post({ url, body, alert_id: alertId, secret }: ClaimedDelivery): Promise<string | undefined> {
    // The receiver compares t with its own clock to refuse an old request sent again: real time, not the service's adjustable clock.
    const signature = signatureHeader(secret, body, Math.floor(Date.now() / 1000));
    const headers = { 'Content-Type': 'application/json', 'Idempotency-Key': alertId, 'Trialstream-Signature': signature };
    return postAlert(url, body, headers, { timeoutMs: this.timeoutMs, allowPrivateAddresses: this.allowPrivateAddresses });
  }
}
