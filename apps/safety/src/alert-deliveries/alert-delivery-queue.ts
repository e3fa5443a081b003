import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EventEnvelope, SafetyAlertRaisedPayload } from '@trialstream/contracts';
import { Clock, CommitFlag } from '@trialstream/platform';
import { In, IsNull, type EntityManager } from 'typeorm';
import { subscriptionWants } from '../domain/alert-deliveries';
import { AlertDelivery } from '../persistence/alert-delivery.entity';
import { AlertSubscription } from '../persistence/alert-subscription.entity';

/** Set on a transaction that queued deliveries: once it commits, this process's worker attempts them. */
export const DELIVERIES_QUEUED = new CommitFlag('trialstreamAlertDeliveriesQueued');

/**
 * Queues an alert for every subscription that wants it, in the transaction that records the alert:
 * it is queued once per subscription, and a crash loses neither the alert nor its deliveries.
 */
@Injectable()
export class AlertDeliveryQueue {
  constructor(private readonly clock: Clock) {}

  async queue(tx: EntityManager, alert: EventEnvelope<SafetyAlertRaisedPayload>): Promise<void> {
    const subscriptions = tx.getRepository(AlertSubscription);
    const candidates = (await subscriptions.find({ where: { removedAt: IsNull() } })).filter((s) =>
      subscriptionWants(s, { trialId: alert.trialId, severity: alert.payload.severity }),
    );
    if (candidates.length === 0) return;
    // Those that want it, read again FOR SHARE: one being removed is waited for (and then left out),
    // and one read here is removed only after this commits, so the removal cancels these deliveries too.
    const wanting = await subscriptions.find({ where: { subscriptionId: In(candidates.map((s) => s.subscriptionId)), removedAt: IsNull() }, lock: { mode: 'pessimistic_read' } });
    if (wanting.length === 0) return;
    const now = this.clock.now();
    const body = JSON.stringify(alert);
    await tx.getRepository(AlertDelivery).insert(
      wanting.map((s) => ({
        deliveryId: randomUUID(),
        subscriptionId: s.subscriptionId,
        alertId: alert.payload.alertId,
        trialId: alert.trialId,
        body,
        status: 'PENDING' as const,
        attempts: 0,
        pendingSince: now,
        nextAttemptAt: now,
        createdAt: now,
      })),
    );
    DELIVERIES_QUEUED.set(tx);
  }
}
