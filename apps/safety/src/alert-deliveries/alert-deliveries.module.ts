import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AlertDelivery } from '../persistence/alert-delivery.entity';
import { AlertSubscriptionSecret } from '../persistence/alert-subscription-secret.entity';
import { AlertSubscription } from '../persistence/alert-subscription.entity';
import { AlertDeliveriesController } from './alert-deliveries.controller';
import { AlertDeliveryQueue } from './alert-delivery-queue';
import { AlertDeliveryWorker } from './alert-delivery-worker';
import { AlertSubscriptionsController } from './alert-subscriptions.controller';
import { AlertSubscriptions } from './alert-subscriptions.service';

/** Safety alerts for systems that do not speak Kafka: subscribed HTTP endpoints get each alert, signed, until they take it. */
@Module({
  imports: [TypeOrmModule.forFeature([AlertSubscription, AlertSubscriptionSecret, AlertDelivery])],
  controllers: [AlertSubscriptionsController, AlertDeliveriesController],
  providers: [AlertSubscriptions, AlertDeliveryQueue, AlertDeliveryWorker],
  exports: [AlertDeliveryQueue],
})
export class AlertDeliveriesModule {}
