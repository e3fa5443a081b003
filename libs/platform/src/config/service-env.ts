import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsString, Matches, Max, Min, ValidateIf, validateSync } from 'class-validator';

const toBoolean = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? ['true', '1', 'yes'].includes(value.toLowerCase()) : value;
const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && value !== '' ? Number(value) : value);

/** Environment every service reads; each value can be overridden per deployment. */
export class ServiceEnv {
  @Transform(toInt) @IsInt() @Min(0) @Max(65535)
  HTTP_PORT: number;

  /** 127.0.0.1 on a developer machine; 0.0.0.0 in a container. */
  @IsString() @Matches(/^[0-9a-fA-F:.]+$|^localhost$/, { message: 'HTTP_HOST must be an IP address or localhost' })
  HTTP_HOST: string;

  /** The database's owner: creates the database when missing and runs the migrations at start. */
  @IsString() @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL: string;

  /** What the running service connects as; empty: DATABASE_URL as the role trialstream_<service>_runtime (runtime-role.ts). */
  @IsString() @ValidateIf((env: ServiceEnv) => env.DATABASE_RUNTIME_URL !== '') @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_RUNTIME_URL must be a postgres:// URL' })
  DATABASE_RUNTIME_URL: string;

  /** Comma-separated host:port list. */
  @IsString() @Matches(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, { message: 'KAFKA_BROKERS must be host:port[,host:port...]' })
  KAFKA_BROKERS: string;

  /** Prefix for every topic and consumer group, so environments can share a cluster. */
  @IsString() @Matches(/^[a-z0-9._-]*$/, { message: 'KAFKA_TOPIC_PREFIX may hold only a-z, 0-9, ".", "_" and "-"' })
  KAFKA_TOPIC_PREFIX: string;

  /** Longest wait between Kafka reconnection attempts. */
  @Transform(toInt) @IsInt() @Min(100) @Max(30000)
  KAFKA_RETRY_MAX_MS: number;

  @Transform(toBoolean) @IsBoolean()
  OUTBOX_RELAY_ENABLED: boolean;

  /** Fallback only: the relay wakes on each outbox commit. */
  @Transform(toInt) @IsInt() @Min(10)
  OUTBOX_POLL_INTERVAL_MS: number;

  @Transform(toInt) @IsInt() @Min(1) @Max(10000)
  OUTBOX_BATCH_SIZE: number;

  /** How often an instance that does not relay checks whether the relay's lock is free (take-over time). */
  @Transform(toInt) @IsInt() @Min(10)
  OUTBOX_LEADER_RETRY_MS: number;

  @Transform(toInt) @IsInt() @Min(1) @Max(20)
  CONSUMER_MAX_ATTEMPTS: number;

  @Transform(toInt) @IsInt() @Min(1)
  CONSUMER_RETRY_BACKOFF_MS: number;

  @Transform(toInt) @IsInt() @Min(1)
  CONSUMER_MAX_RETRY_BACKOFF_MS: number;

  @Transform(toInt) @IsInt() @Min(1) @Max(100)
  CONSUMER_PARTITIONS_CONCURRENTLY: number;

  /** Most messages of one partition handled in one transaction. */
  @Transform(toInt) @IsInt() @Min(1) @Max(10000)
  CONSUMER_BATCH_SIZE: number;

  /** How long a message may wait for its prerequisite event before it is dead-lettered. */
  @Transform(toInt) @IsInt() @Min(1)
  PARKED_EVENT_TIMEOUT_SECONDS: number;

  @Transform(toInt) @IsInt() @Min(10)
  PARKED_EVENT_RETRY_MS: number;

  /** Fallback only: the timer scheduler sleeps until the next due time or a new timer. */
  @Transform(toInt) @IsInt() @Min(10)
  TIMER_POLL_INTERVAL_MS: number;

  @Transform(toInt) @IsInt() @Min(1) @Max(10000)
  TIMER_BATCH_SIZE: number;

  /** A clock that can be moved forward over HTTP (demos, tests): never in production. */
  @Transform(toBoolean) @IsBoolean()
  CLOCK_ADJUSTABLE: boolean;

  @Transform(toInt) @IsInt() @Min(1)
  OUTBOX_RETENTION_DAYS: number;

  /** Keep longer than the topics' retention (7 days by default). */
  @Transform(toInt) @IsInt() @Min(1)
  PROCESSED_EVENT_RETENTION_DAYS: number;

  @IsIn(['fatal', 'error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'log' | 'debug' | 'verbose';
}

export function defaultServiceEnv(service: string, httpPort: number): Record<keyof ServiceEnv, string> {
  return {
    HTTP_PORT: String(httpPort),
    HTTP_HOST: '127.0.0.1',
    DATABASE_URL: `postgres://postgres@127.0.0.1:5432/trialstream_${service.replace(/-/g, '_')}`,
    DATABASE_RUNTIME_URL: '',
    KAFKA_BROKERS: '127.0.0.1:9092',
    KAFKA_TOPIC_PREFIX: '',
    KAFKA_RETRY_MAX_MS: '2000',
    OUTBOX_RELAY_ENABLED: 'true',
    OUTBOX_POLL_INTERVAL_MS: '1000',
    OUTBOX_BATCH_SIZE: '500',
    OUTBOX_LEADER_RETRY_MS: '1000',
    CONSUMER_MAX_ATTEMPTS: '5',
    CONSUMER_RETRY_BACKOFF_MS: '200',
    CONSUMER_MAX_RETRY_BACKOFF_MS: '5000',
    CONSUMER_PARTITIONS_CONCURRENTLY: '6',
    CONSUMER_BATCH_SIZE: '500',
    PARKED_EVENT_TIMEOUT_SECONDS: '1800',
    PARKED_EVENT_RETRY_MS: '1000',
    TIMER_POLL_INTERVAL_MS: '1000',
    TIMER_BATCH_SIZE: '500',
    CLOCK_ADJUSTABLE: 'false',
    OUTBOX_RETENTION_DAYS: '7',
    PROCESSED_EVENT_RETENTION_DAYS: '30',
    LOG_LEVEL: 'log',
  };
}

/**
 * Validates the environment over the service's defaults; a bad value stops the service at boot
 * with every offending variable and rule named.
 */
export function validateServiceEnv<E extends ServiceEnv>(
  envClass: new () => E,
  defaults: Record<string, string>,
  env: Record<string, unknown>,
): E {
  const known = Object.fromEntries(Object.keys(defaults).map((key) => [key, env[key] ?? defaults[key]]));
  const config = plainToInstance(envClass, known);
  const errors = validateSync(config, { forbidUnknownValues: true });
  if (errors.length > 0) {
    const problems = errors.flatMap((e) =>
      Object.entries(e.constraints ?? {}).map(([rule, message]) => `${e.property}: ${message} [${rule}]`),
    );
    throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  }
  return config;
}
