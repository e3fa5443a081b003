import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_GUARD, DiscoveryModule, Reflector } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { ConsumingService } from '@trialstream/contracts';
import { kafkaSecurityOf } from '@trialstream/kafka-delivery';
import { LoggerModule } from 'nestjs-pino';
import { DataSource, type EntityTarget } from 'typeorm';
import { AuditContextSubscriber } from './audit/audit-context';
import { AuditTrailController } from './audit/audit-trail.controller';
import { OperatorCommands } from './audit/operator-commands';
import { AuthGuard, type AuthSettings } from './auth/auth.guard';
import { EntitySubjectSites, SubjectSites, type SubjectAtSite } from './auth/site-scope';
import { TokenVerifier } from './auth/token-verifier';
import { AdjustableClock, Clock, SystemClock } from './clock/clock';
import { ClockController } from './clock/clock.controller';
import { defaultServiceEnv, ServiceEnv, validateServiceEnv } from './config/service-env';
import { prepareDatabase } from './database/migrations';
import { runtimeDatabaseUrl } from './database/runtime-role';
import { HealthController } from './health/health.controller';
import { RouteOwnership } from './http/route-ownership';
import { StopSignal } from './http/stop-signal';
import { loggerParams } from './logging/logger-options';
import { DeadLettersController, SERVICE_NAME } from './messaging/dead-letters.controller';
import { KafkaEventTransport } from './messaging/event-transport';
import { KafkaConnection } from './messaging/kafka-connection';
import { MessagingHousekeeping } from './messaging/housekeeping';
import { MessagingLifecycle } from './messaging/messaging-lifecycle';
import { Outbox } from './messaging/outbox';
import { OutboxOperationsController } from './messaging/outbox-operations.controller';
import { OutboxRelay } from './messaging/outbox-relay';
import { MetricsController, ServiceMetrics } from './metrics/metrics';
import { DurableTimers } from './timers/durable-timers';
import { TimerMetrics } from './timers/timer-metrics';
import { TimerScheduler } from './timers/timer-scheduler';

export interface ServiceRuntimeOptions {
  service: ConsumingService;
  defaultHttpPort: number;
  /** The service's own migrations; entities come from its feature modules (TypeOrmModule.forFeature). */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[];
  /** The entity where the service keeps its subjects' sites, so site-role tokens reach their own subjects only. */
  subjectSiteEntity?: EntityTarget<SubjectAtSite>;
  /** Settings of the service's own beside the platform's: a ServiceEnv subclass and its defaults, validated the same way. */
  env?: { schema: new () => ServiceEnv; defaults: Record<string, string> };
}

export type ServiceConfig = ConfigService<ServiceEnv, true>;

const runtimeUrlOf = (service: string, config: ServiceConfig) =>
  runtimeDatabaseUrl(service, config.get('DATABASE_URL', { infer: true }), config.get('DATABASE_RUNTIME_URL', { infer: true }));

/**
 * What every Trialstream service shares, imported once by its root module: validated config, JSON
 * logs (nestjs-pino), its own database with migrations, Kafka (outbox relay, the event transport its
 * handlers run on, dead letters), health, readiness and metrics, and one owner per HTTP route.
 * Global, so feature modules inject Outbox and friends.
 */
@Module({})
export class ServiceRuntimeModule {
  static forRoot(options: ServiceRuntimeOptions): DynamicModule {
    const defaults = { ...defaultServiceEnv(options.service, options.defaultHttpPort), ...options.env?.defaults };
    const schema = options.env?.schema ?? ServiceEnv;
    return {
      module: ServiceRuntimeModule,
      global: true,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, skipProcessEnv: true, validate: (env) => validateServiceEnv(schema, defaults, env) }),
        LoggerModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ServiceConfig) => loggerParams(options.service, config.get('LOG_LEVEL', { infer: true })),
        }),
        TypeOrmModule.forRootAsync({
          inject: [ConfigService],
          // The owner migrates; the service's own pool is its runtime role, which cannot touch audit records.
          useFactory: async (config: ServiceConfig) => {
            const runtimeUrl = runtimeUrlOf(options.service, config);
            await prepareDatabase({ ownerUrl: config.get('DATABASE_URL', { infer: true }), runtimeUrl, migrations: options.migrations });
            return { type: 'postgres' as const, url: runtimeUrl, autoLoadEntities: true, synchronize: false, migrationsRun: false };
          },
          dataSourceFactory: async (dataSourceOptions) => {
            if (!dataSourceOptions) throw new Error('no database options were configured');
            const dataSource = await new DataSource(dataSourceOptions).initialize();
            dataSource.subscribers.push(new AuditContextSubscriber());
            return dataSource;
          },
        }),
        TerminusModule,
        DiscoveryModule,
      ],
      controllers: [HealthController, MetricsController, DeadLettersController, OutboxOperationsController, ClockController, AuditTrailController],
      providers: [
        {
          provide: TokenVerifier,
          inject: [ConfigService],
          useFactory: (config: ServiceConfig) =>
            TokenVerifier.from({
              jwksFile: config.get('AUTH_JWKS_FILE', { infer: true }),
              jwksUrl: config.get('AUTH_JWKS_URL', { infer: true }),
              issuer: config.get('AUTH_ISSUER', { infer: true }),
              audience: config.get('AUTH_AUDIENCE', { infer: true }),
            }),
        },
        ...(options.subjectSiteEntity
          ? [{ provide: SubjectSites, inject: [DataSource], useFactory: (ds: DataSource) => new EntitySubjectSites(ds, options.subjectSiteEntity as EntityTarget<SubjectAtSite>) }]
          : []),
        {
          provide: APP_GUARD,
          inject: [Reflector, TokenVerifier, ConfigService, { token: SubjectSites, optional: true }],
          useFactory: (reflector: Reflector, verifier: TokenVerifier, config: ServiceConfig, sites?: SubjectSites) => {
            const settings: AuthSettings = { openSettings: new Set(config.get('AUTH_PUBLIC_METRICS', { infer: true }) ? ['AUTH_PUBLIC_METRICS'] : []) };
            return new AuthGuard(reflector, verifier, settings, sites);
          },
        },
        StopSignal,
        { provide: OperatorCommands, inject: [DataSource], useFactory: (ds: DataSource) => new OperatorCommands(ds) },
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
              maxRetryMs: config.get('KAFKA_RETRY_MAX_MS', { infer: true }),
              replicationFactor: config.get('KAFKA_REPLICATION_FACTOR', { infer: true }),
              security: kafkaSecurityOf({
                KAFKA_SECURITY_PROTOCOL: config.get('KAFKA_SECURITY_PROTOCOL', { infer: true }),
                KAFKA_SASL_MECHANISM: config.get('KAFKA_SASL_MECHANISM', { infer: true }),
                KAFKA_SASL_USERNAME: config.get('KAFKA_SASL_USERNAME', { infer: true }),
                KAFKA_SASL_PASSWORD: config.get('KAFKA_SASL_PASSWORD', { infer: true }),
                KAFKA_SASL_PASSWORD_FILE: config.get('KAFKA_SASL_PASSWORD_FILE', { infer: true }),
                KAFKA_SSL_CA_FILE: config.get('KAFKA_SSL_CA_FILE', { infer: true }),
              }),
            }),
        },
        {
          provide: Clock,
          inject: [ConfigService],
          useFactory: (config: ServiceConfig) => (config.get('CLOCK_ADJUSTABLE', { infer: true }) ? new AdjustableClock() : new SystemClock()),
        },
        { provide: Outbox, inject: [Clock], useFactory: (clock: Clock) => new Outbox(options.service, () => clock.now()) },
        { provide: DurableTimers, inject: [DataSource, Clock], useFactory: (ds: DataSource, clock: Clock) => new DurableTimers(ds, clock) },
        {
          provide: TimerScheduler,
          inject: [DataSource, Outbox, Clock, ServiceMetrics, DurableTimers, ConfigService],
          useFactory: (ds: DataSource, outbox: Outbox, clock: Clock, metrics: ServiceMetrics, timers: DurableTimers, config: ServiceConfig) => {
            const scheduler = new TimerScheduler(ds, outbox, clock, {
              pollIntervalMs: config.get('TIMER_POLL_INTERVAL_MS', { infer: true }),
              batchSize: config.get('TIMER_BATCH_SIZE', { infer: true }),
            }, new TimerMetrics(metrics.registry));
            // A timer due now fires at once, not at the next poll.
            timers.onScheduled((dueAt) => scheduler.wake(dueAt));
            return scheduler;
          },
        },
        {
          provide: OutboxRelay,
          inject: [DataSource, KafkaConnection, ServiceMetrics, ConfigService],
          useFactory: (ds: DataSource, kafka: KafkaConnection, metrics: ServiceMetrics, config: ServiceConfig) =>
            new OutboxRelay(ds, kafka, metrics, {
              databaseUrl: runtimeUrlOf(options.service, config),
              pollIntervalMs: config.get('OUTBOX_POLL_INTERVAL_MS', { infer: true }),
              batchSize: config.get('OUTBOX_BATCH_SIZE', { infer: true }),
              leaderRetryMs: config.get('OUTBOX_LEADER_RETRY_MS', { infer: true }),
            }),
        },
        {
          provide: KafkaEventTransport,
          inject: [DataSource, KafkaConnection, Outbox, ServiceMetrics, ConfigService],
          useFactory: (ds: DataSource, kafka: KafkaConnection, outbox: Outbox, metrics: ServiceMetrics, config: ServiceConfig) =>
            new KafkaEventTransport(ds, kafka, outbox, metrics, {
              service: options.service,
              maxAttempts: config.get('CONSUMER_MAX_ATTEMPTS', { infer: true }),
              retryBackoffMs: config.get('CONSUMER_RETRY_BACKOFF_MS', { infer: true }),
              maxRetryBackoffMs: config.get('CONSUMER_MAX_RETRY_BACKOFF_MS', { infer: true }),
              partitionsConsumedConcurrently: config.get('CONSUMER_PARTITIONS_CONCURRENTLY', { infer: true }),
              maxBatchSize: config.get('CONSUMER_BATCH_SIZE', { infer: true }),
              coalesceBelow: config.get('CONSUMER_COALESCE_BELOW', { infer: true }),
              offsetCommitIntervalMs: config.get('CONSUMER_COMMIT_INTERVAL_MS', { infer: true }),
              sessionTimeoutMs: config.get('CONSUMER_SESSION_TIMEOUT_MS', { infer: true }),
              parkTimeoutMs: config.get('PARKED_EVENT_TIMEOUT_SECONDS', { infer: true }) * 1000,
              parkedRetryIntervalMs: config.get('PARKED_EVENT_RETRY_MS', { infer: true }),
            }),
        },
        {
          provide: MessagingHousekeeping,
          inject: [DataSource, ConfigService],
          useFactory: (ds: DataSource, config: ServiceConfig) =>
            new MessagingHousekeeping(ds, {
              outboxDays: config.get('OUTBOX_RETENTION_DAYS', { infer: true }),
              processedEventDays: config.get('PROCESSED_EVENT_RETENTION_DAYS', { infer: true }),
            }),
        },
        MessagingLifecycle,
        RouteOwnership,
      ],
      exports: [TokenVerifier, OperatorCommands, Outbox, ServiceMetrics, KafkaConnection, OutboxRelay, KafkaEventTransport, Clock, DurableTimers],
    };
  }
}
