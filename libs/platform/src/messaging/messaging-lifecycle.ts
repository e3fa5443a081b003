import { Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import type { ConfigService } from '@nestjs/config';
import type { ServiceEnv } from '../config/service-env';
import type { EventConsumer } from './event-consumer';
import type { AnyEventHandler } from './event-handler';
import type { MessagingHousekeeping } from './housekeeping';
import type { KafkaConnection } from './kafka-connection';
import type { OutboxRelay } from './outbox-relay';

/** Starts messaging after the app is wired and stops it in a safe order on SIGTERM. */
export class MessagingLifecycle implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Messaging');

  constructor(
    private readonly kafka: KafkaConnection,
    private readonly relay: OutboxRelay,
    private readonly consumer: EventConsumer,
    private readonly config: ConfigService<ServiceEnv, true>,
    /** Handlers live in the service's own module (they use its services); they are found once it is wired. */
    private readonly handlers: () => AnyEventHandler[],
    private readonly housekeeping: MessagingHousekeeping,
  ) {}

  async onModuleInit() {
    await this.kafka.connect();
  }

  async onApplicationBootstrap() {
    if (this.config.get('OUTBOX_RELAY_ENABLED', { infer: true })) this.relay.start();
    await this.consumer.start(this.handlers());
    this.housekeeping.start();
  }

  /** Stop consuming (finishing the message in hand), flush the outbox, then let go of Kafka; the database closes after. */
  async beforeApplicationShutdown() {
    this.housekeeping.stop();
    await this.consumer.stop();
    if (this.config.get('OUTBOX_RELAY_ENABLED', { infer: true })) await this.relay.stop();
    await this.kafka.disconnect();
    this.logger.log({ message: 'stopped consuming, flushed the outbox and disconnected from Kafka' });
  }
}
