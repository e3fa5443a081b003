import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { RuleViolationError } from '@trialstream/contracts';
import { Clock, foundOr404 } from '@trialstream/platform';
import { DataSource, IsNull } from 'typeorm';
import { privateHostOf } from '../domain/alert-deliveries';
import { AlertDelivery } from '../persistence/alert-delivery.entity';
import { AlertSubscriptionSecret } from '../persistence/alert-subscription-secret.entity';
import { AlertSubscription } from '../persistence/alert-subscription.entity';
import type { SubscribeRequest } from './requests';
import type { SafetyEnv } from './safety-env';

@Injectable()
export class AlertSubscriptions {
  private readonly allowPrivateAddresses: boolean;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    config: ConfigService<SafetyEnv, true>,
  ) {
    this.allowPrivateAddresses = config.get('ALERT_DELIVERY_ALLOW_PRIVATE_ADDRESSES', { infer: true });
  }

  /**
   * The new subscription with its signing secret: the only answer that ever shows it. An endpoint
   * named by a non-public address (or localhost) is refused here unless such addresses are allowed;
   * one whose name resolves to such an address is refused at each attempt (webhook-post.ts).
   */
  subscribe(request: SubscribeRequest, createdBy: string): Promise<AlertSubscription & { secret: string }> {
    const host = privateHostOf(request.url);
    if (host && !this.allowPrivateAddresses) {
      const why = `url must reach a public address: ${host} is not one (ALERT_DELIVERY_ALLOW_PRIVATE_ADDRESSES=true allows a receiver on this machine or its network)`;
      return Promise.reject(RuleViolationError.of('url', 'publicAddress', why));
    }
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
