import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EventEnvelope, SafetyAlertRaisedPayload } from '@trialstream/contracts';
import { Clock, CommitFlag } from '@trialstream/platform';
import { IsNull, type EntityManager } from 'typeorm';
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
    // FOR SHARE: a subscription being removed is waited for (and then not read), and one read here
    // is removed only after this commits, so the removal cancels the deliveries queued here too.
    const subscriptions = await tx.getRepository(AlertSubscription).find({ where: { removedAt: IsNull() }, lock: { mode: 'pessimistic_read' } });
    const wanting = subscriptions.filter((s) => subscriptionWants(s, { trialId: alert.trialId, severity: alert.payload.severity }));
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
