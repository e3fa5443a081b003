import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { ModuleRef } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { ConsumingService } from '@trialstream/contracts';
import { DataSource, type MixedList, type EntitySchema } from 'typeorm';
import { defaultServiceEnv, ServiceEnv, validateServiceEnv } from './config/service-env';
import { ensureDatabase } from './database/ensure-database';
import { MessagingTables1764000000000 } from './database/messaging-tables.migration';
import { runMigrationsLocked } from './database/migrations';
import { HealthController } from './health/health.controller';
import { MetricsController, ServiceMetrics } from './metrics/metrics';
import { DeadLettersController, SERVICE_NAME } from './messaging/dead-letters.controller';
import { EventConsumer } from './messaging/event-consumer';
import type { AnyEventHandler } from './messaging/event-handler';
import { MessagingHousekeeping } from './messaging/housekeeping';
import { MessagingLifecycle } from './messaging/messaging-lifecycle';
import { KafkaConnection } from './messaging/kafka-connection';
import { Outbox } from './messaging/outbox';
import { OutboxRelay } from './messaging/outbox-relay';

export interface ServiceRuntimeOptions {
  service: ConsumingService;
  defaultHttpPort: number;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[];
  handlers?: Type<AnyEventHandler>[];
  /** Values that win over the environment (tests run services with their own settings). */
  overrides?: Record<string, string>;
}

export type ServiceConfig = ConfigService<ServiceEnv, true>;

/**
 * Everything a Trialstream service shares: validated config, its own database with migrations,
 * Kafka with outbox relay and idempotent consumer, health, readiness and metrics.
 */
@Module({})
export class ServiceRuntimeModule {
  static forService(options: ServiceRuntimeOptions): DynamicModule {
    const defaults = defaultServiceEnv(options.service, options.defaultHttpPort);
    const handlers = options.handlers ?? [];
    return {
      module: ServiceRuntimeModule,
      global: true,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          skipProcessEnv: true,
          validate: (env) => validateServiceEnv(ServiceEnv, defaults, { ...env, ...options.overrides }),
        }),
        TypeOrmModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ServiceConfig) => ({
            type: 'postgres' as const,
            url: config.get('DATABASE_URL', { infer: true }),
            entities: options.entities,
            migrations: [MessagingTables1764000000000, ...options.migrations],
            synchronize: false,
            migrationsRun: false,
          }),
          dataSourceFactory: async (dataSourceOptions) => {
            if (!dataSourceOptions) throw new Error('no database options were configured');
            await ensureDatabase((dataSourceOptions as { url: string }).url);
            const dataSource = await new DataSource(dataSourceOptions).initialize();
            await runMigrationsLocked(dataSource);
            return dataSource;
          },
        }),
        TerminusModule,
      ],
      controllers: [HealthController, MetricsController, DeadLettersController],
      providers: [
        { provide: ServiceMetrics, useFactory: () => new ServiceMetrics(options.service) },
        { provide: SERVICE_NAME, useValue: options.service },
        {
          provide: KafkaConnection,
          inject: [ConfigService],
          useFactory: (config: ServiceConfig) =>
            new KafkaConnection({
              clientId: `trialstream-${options.service}`,
              brokers: config.get('KAFKA_BROKERS', { infer: true }).split(','),
              topicPrefix: config.get('KAFKA_TOPIC_PREFIX', { infer: true }),
            }),
        },
        { provide: Outbox, useFactory: () => new Outbox(options.service) },
        {
          provide: OutboxRelay,
          inject: [DataSource, KafkaConnection, ServiceMetrics, ConfigService],
          useFactory: (ds: DataSource, kafka: KafkaConnection, metrics: ServiceMetrics, config: ServiceConfig) =>
            new OutboxRelay(ds, kafka, metrics, { pollIntervalMs: config.get('OUTBOX_POLL_INTERVAL_MS', { infer: true }), batchSize: 100 }),
        },
        {
          provide: EventConsumer,
          inject: [DataSource, KafkaConnection, ServiceMetrics, ConfigService],
          useFactory: (ds: DataSource, kafka: KafkaConnection, metrics: ServiceMetrics, config: ServiceConfig) =>
            new EventConsumer(ds, kafka, metrics, {
              service: options.service,
              maxAttempts: config.get('CONSUMER_MAX_ATTEMPTS', { infer: true }),
              retryBackoffMs: config.get('CONSUMER_RETRY_BACKOFF_MS', { infer: true }),
            }),
        },
        {
          provide: MessagingLifecycle,
          inject: [KafkaConnection, OutboxRelay, EventConsumer, ConfigService, ModuleRef, DataSource],
          useFactory: (kafka: KafkaConnection, relay: OutboxRelay, consumer: EventConsumer, config: ServiceConfig, modules: ModuleRef, ds: DataSource) =>
            new MessagingLifecycle(
              kafka,
              relay,
              consumer,
              config,
              () => handlers.map((h) => modules.get(h, { strict: false })),
              new MessagingHousekeeping(ds, {
                outboxDays: config.get('OUTBOX_RETENTION_DAYS', { infer: true }),
                processedEventDays: config.get('PROCESSED_EVENT_RETENTION_DAYS', { infer: true }),
              }),
            ),
        },
      ],
      exports: [Outbox, ServiceMetrics, KafkaConnection, OutboxRelay],
    };
  }
}
