import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock, foundOr404 } from '@trialstream/platform';
import { DataSource, IsNull } from 'typeorm';
import { AlertDelivery } from '../persistence/alert-delivery.entity';
import { AlertSubscriptionSecret } from '../persistence/alert-subscription-secret.entity';
import { AlertSubscription } from '../persistence/alert-subscription.entity';
import type { SubscribeRequest } from './requests';

@Injectable()
export class AlertSubscriptions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** The new subscription with its signing secret: the only answer that ever shows it. */
  subscribe(request: SubscribeRequest, createdBy: string): Promise<AlertSubscription & { secret: string }> {
    return this.dataSource.transaction(async (tx) => {
      const subscription = await tx.getRepository(AlertSubscription).save({
        subscriptionId: randomUUID(),
        url: request.url,
        trialId: request.trialId ?? null,
        minimumSeverity: request.minimumSeverity ?? null,
        description: request.description,
        createdBy,
        createdAt: this.clock.now(),
        removedBy: null,
        removedAt: null,
      });
      const secret = randomBytes(32).toString('hex');
      await tx.getRepository(AlertSubscriptionSecret).insert({ subscriptionId: subscription.subscriptionId, secret });
      return { ...subscription, secret };
    });
  }

  /** Ends the subscription: its secret is deleted and its deliveries not yet made are cancelled. */
  remove(subscriptionId: string, removedBy: string): Promise<AlertSubscription> {
    return this.dataSource.transaction(async (tx) => {
      const subscriptions = tx.getRepository(AlertSubscription);
      const found = await subscriptions.findOne({ where: { subscriptionId, removedAt: IsNull() }, lock: { mode: 'pessimistic_write' } });
      const subscription = foundOr404(found, `alert subscription ${subscriptionId}`);
      await tx.getRepository(AlertSubscriptionSecret).delete({ subscriptionId });
      await tx
        .getRepository(AlertDelivery)
        .createQueryBuilder()
        .update()
        .set({ status: 'CANCELLED' })
        .where('subscription_id = :subscriptionId AND status IN (:...open)', { subscriptionId, open: ['PENDING', 'DEAD_LETTERED'] })
        .execute();
      return subscriptions.save({ ...subscription, removedBy, removedAt: this.clock.now() });
    });
  }
}
