import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { ServiceEnv } from '../config/service-env';
import { TimerScheduler } from '../timers/timer-scheduler';
import { KafkaEventTransport } from './event-transport';
import { MessagingHousekeeping } from './housekeeping';
import { KafkaConnection } from './kafka-connection';
import { OutboxRelay } from './outbox-relay';

/**
 * Connects Kafka before the transport listens, starts the relay and the timer scheduler, and on
 * SIGTERM stops in a safe order: stop consuming (finishing the batch in hand), stop firing timers,
 * flush the outbox, let go of Kafka; the database closes after.
 */
@Injectable()
export class MessagingLifecycle implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Messaging');
  private readonly relayEnabled: boolean;

  constructor(
    private readonly kafka: KafkaConnection,
    private readonly relay: OutboxRelay,
    private readonly transport: KafkaEventTransport,
    private readonly housekeeping: MessagingHousekeeping,
    private readonly timers: TimerScheduler,
    config: ConfigService<ServiceEnv, true>,
  ) {
    this.relayEnabled = config.get('OUTBOX_RELAY_ENABLED', { infer: true });
  }

  async onModuleInit() {
    await this.kafka.connect();
  }

  onApplicationBootstrap() {
    if (this.relayEnabled) this.relay.start();
    this.timers.start();
    this.housekeeping.start();
  }

  /**
   * Every step is taken even when one before it fails (the relay still flushes if consuming did
   * not stop cleanly). A failure is not thrown: Nest would exit at once, before the HTTP server and
   * the database close. The process exits 1 instead of 0 once every hook has run.
   */
  async beforeApplicationShutdown() {
    let failed = false;
    const step = async (what: string, work: () => unknown) => {
      try {
        await work();
      } catch (error) {
        failed = true;
        this.logger.error({ message: `stopping: ${what} failed; going on with the rest`, error: (error as Error).message });
      }
    };
    await step('stopping housekeeping', () => this.housekeeping.stop());
    this.logger.log({ message: 'stopping: finishing the batch in hand' });
    await step('stopping the transport', () => this.transport.close());
    // Timers fired until now still reach the outbox, which the relay then flushes.
    this.logger.log({ message: 'stopping: stopped consuming; stopping the timers and flushing the outbox' });
    await step('stopping the timers', () => this.timers.stop());
    if (this.relayEnabled) await step('flushing the outbox', () => this.relay.stop());
    await step('disconnecting from Kafka', () => this.kafka.disconnect());
    if (failed) {
      // Nest ends the process with exit(0) after the last hook; an exit listener can still change the code.
      process.once('exit', () => (process.exitCode = 1));
      return;
    }
    this.logger.log({ message: 'stopped consuming, flushed the outbox and disconnected from Kafka' });
  }
}
