import { accessSync, constants, statSync } from 'node:fs';
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsString, Matches, Max, Min, NotEquals, ValidateBy, ValidateIf, validateSync, type ValidationArguments } from 'class-validator';

export const toBoolean = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? ['true', '1', 'yes'].includes(value.toLowerCase()) : value;
const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && value !== '' ? Number(value) : value);
const toLowerCase = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value);

const envOf = (args?: ValidationArguments) => args?.object as ServiceEnv | undefined;
const withSasl = (args?: ValidationArguments) => envOf(args)?.KAFKA_SECURITY_PROTOCOL === 'SASL_SSL';
const isSet = (value: unknown) => typeof value === 'string' && value !== '';

/**
 * Set with KAFKA_SECURITY_PROTOCOL=SASL_SSL (required: true) and unset without it, so a credential
 * is never silently unused. Messages name the variable, never its value (it may be a secret).
 */
function OnlyWithSasl(required: boolean) {
  return ValidateBy({
    name: 'onlyWithSasl',
    validator: {
      validate: (value, args) => (withSasl(args) ? !required || isSet(value) : !isSet(value)),
      defaultMessage: (args) =>
        withSasl(args) ? `${args?.property} is required with KAFKA_SECURITY_PROTOCOL=SASL_SSL` : `${args?.property} applies only with KAFKA_SECURITY_PROTOCOL=SASL_SSL`,
    },
  });
}

/** With SASL_SSL, exactly one of KAFKA_SASL_PASSWORD and KAFKA_SASL_PASSWORD_FILE. */
function OnePasswordSource() {
  return ValidateBy({
    name: 'onePasswordSource',
    validator: {
      validate: (value, args) => !withSasl(args) || isSet(value) !== isSet(envOf(args)?.KAFKA_SASL_PASSWORD_FILE),
      defaultMessage: () => 'set exactly one of KAFKA_SASL_PASSWORD and KAFKA_SASL_PASSWORD_FILE with KAFKA_SECURITY_PROTOCOL=SASL_SSL',
    },
  });
}

/** Empty, or the path of a file this process can read. */
function ReadableFileOrEmpty() {
  return ValidateBy({
    name: 'readableFile',
    validator: {
      validate: (value) => {
        if (!isSet(value)) return true;
        try {
          accessSync(value as string, constants.R_OK);
          return statSync(value as string).isFile();
        } catch {
          return false;
        }
      },
      defaultMessage: (args) => `${args?.property} must name a file this process can read`,
    },
  });
}

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

  /** Replicas of each topic the service creates; -1: the cluster's default.replication.factor. */
  @Transform(toInt) @IsInt() @Min(-1) @Max(16) @NotEquals(0, { message: 'KAFKA_REPLICATION_FACTOR must be -1 (the cluster default) or 1 and up' })
  KAFKA_REPLICATION_FACTOR: number;

  /** Longest wait between Kafka reconnection attempts. */
  @Transform(toInt) @IsInt() @Min(100) @Max(30000)
  KAFKA_RETRY_MAX_MS: number;

  /** PLAINTEXT, or SASL_SSL: TLS to the brokers and a SASL (SCRAM) login with the settings below. */
  @IsIn(['PLAINTEXT', 'SASL_SSL'], { message: 'KAFKA_SECURITY_PROTOCOL must be PLAINTEXT or SASL_SSL' })
  KAFKA_SECURITY_PROTOCOL: 'PLAINTEXT' | 'SASL_SSL';

  @Transform(toLowerCase) @IsIn(['scram-sha-512', 'scram-sha-256'], { message: 'KAFKA_SASL_MECHANISM must be scram-sha-512 or scram-sha-256' })
  KAFKA_SASL_MECHANISM: 'scram-sha-512' | 'scram-sha-256';

  @IsString() @OnlyWithSasl(true)
  KAFKA_SASL_USERNAME: string;

  /** Prefer KAFKA_SASL_PASSWORD_FILE: a file (a mounted secret) keeps the password out of the process environment. */
  @IsString() @OnlyWithSasl(false) @OnePasswordSource()
  KAFKA_SASL_PASSWORD: string;

  @IsString() @OnlyWithSasl(false) @ReadableFileOrEmpty()
  KAFKA_SASL_PASSWORD_FILE: string;

  /** PEM certificate(s) to trust for the brokers; empty: the system's trusted CAs. */
  @IsString() @OnlyWithSasl(false) @ReadableFileOrEmpty()
  KAFKA_SSL_CA_FILE: string;

  @Transform(toBoolean) @IsBoolean()
  OUTBOX_RELAY_ENABLED: boolean;

  /** Fallback only: the relay wakes on each outbox commit. At most a day (Node runs a longer timer at once). */
  @Transform(toInt) @IsInt() @Min(10) @Max(86_400_000)
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

  /** Most messages handled in one transaction. */
  @Transform(toInt) @IsInt() @Min(1) @Max(10000)
  CONSUMER_BATCH_SIZE: number;

  /** Batches of fewer messages than this, fetched together from several partitions, share one transaction (1: never). */
  @Transform(toInt) @IsInt() @Min(1) @Max(10000)
  CONSUMER_COALESCE_BELOW: number;

  /** How often a busy consumer commits its handled offsets; an idle one commits after this long. */
  @Transform(toInt) @IsInt() @Min(1) @Max(60000)
  CONSUMER_COMMIT_INTERVAL_MS: number;

  /**
   * How long a consumer group waits for a member that stopped heartbeating (a crashed instance)
   * before its partitions go to the others; Kafka's own bounds are 6 s to 5 min by default.
   */
  @Transform(toInt) @IsInt() @Min(6000) @Max(300000)
  CONSUMER_SESSION_TIMEOUT_MS: number;

  /** How long a message may wait for its prerequisite event before it is dead-lettered. */
  @Transform(toInt) @IsInt() @Min(1)
  PARKED_EVENT_TIMEOUT_SECONDS: number;

  @Transform(toInt) @IsInt() @Min(10)
  PARKED_EVENT_RETRY_MS: number;

  /** Fallback only: the timer scheduler sleeps until the next due time or a new timer. At most a day, as above. */
  @Transform(toInt) @IsInt() @Min(10) @Max(86_400_000)
  TIMER_POLL_INTERVAL_MS: number;

  @Transform(toInt) @IsInt() @Min(1) @Max(10000)
  TIMER_BATCH_SIZE: number;

  /** A clock that can be moved forward over HTTP (demos, tests): never in production. */
  @Transform(toBoolean) @IsBoolean()
  CLOCK_ADJUSTABLE: boolean;

  /** A stop still running this long after the signal ends the process (exit code 1), saying so. */
  @Transform(toInt) @IsInt() @Min(1000) @Max(600000)
  SHUTDOWN_TIMEOUT_MS: number;

  @Transform(toInt) @IsInt() @Min(1)
  OUTBOX_RETENTION_DAYS: number;

  /** Keep longer than the topics' retention (7 days by default). */
  @Transform(toInt) @IsInt() @Min(1)
  PROCESSED_EVENT_RETENTION_DAYS: number;

  /** The public keys that sign bearer tokens, as a JWKS document in a file... */
  @IsString()
  AUTH_JWKS_FILE: string;

  /** ...or at a URL (an identity provider's jwks_uri). Exactly one of the two must be set for the service to start. */
  @IsString() @Matches(/^$|^https:\/\/|^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?\//, { message: 'AUTH_JWKS_URL must be an https URL (http only to localhost)' })
  AUTH_JWKS_URL: string;

  /** The `iss` every token must carry. */
  @IsString() @IsNotEmpty()
  AUTH_ISSUER: string;

  /** The `aud` every token must carry. */
  @IsString() @IsNotEmpty()
  AUTH_AUDIENCE: string;

  /** Prometheus scrapes /metrics without a token (inside a closed network); otherwise the operations role. */
  @Transform(toBoolean) @IsBoolean()
  AUTH_PUBLIC_METRICS: boolean;

  /** /docs and /docs-json without a token: they describe the API and hold no trial data. */
  @Transform(toBoolean) @IsBoolean()
  AUTH_PUBLIC_DOCS: boolean;

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
    KAFKA_REPLICATION_FACTOR: '-1',
    KAFKA_RETRY_MAX_MS: '2000',
    KAFKA_SECURITY_PROTOCOL: 'PLAINTEXT',
    KAFKA_SASL_MECHANISM: 'scram-sha-512',
    KAFKA_SASL_USERNAME: '',
    KAFKA_SASL_PASSWORD: '',
    KAFKA_SASL_PASSWORD_FILE: '',
    KAFKA_SSL_CA_FILE: '',
    OUTBOX_RELAY_ENABLED: 'true',
    OUTBOX_POLL_INTERVAL_MS: '1000',
    OUTBOX_BATCH_SIZE: '500',
    OUTBOX_LEADER_RETRY_MS: '1000',
    CONSUMER_MAX_ATTEMPTS: '5',
    CONSUMER_RETRY_BACKOFF_MS: '200',
    CONSUMER_MAX_RETRY_BACKOFF_MS: '5000',
    CONSUMER_PARTITIONS_CONCURRENTLY: '6',
    CONSUMER_BATCH_SIZE: '500',
    CONSUMER_COALESCE_BELOW: '100',
    CONSUMER_COMMIT_INTERVAL_MS: '1000',
    CONSUMER_SESSION_TIMEOUT_MS: '10000',
    PARKED_EVENT_TIMEOUT_SECONDS: '1800',
    PARKED_EVENT_RETRY_MS: '1000',
    TIMER_POLL_INTERVAL_MS: '1000',
    TIMER_BATCH_SIZE: '500',
    CLOCK_ADJUSTABLE: 'false',
    SHUTDOWN_TIMEOUT_MS: '25000',
    OUTBOX_RETENTION_DAYS: '7',
    PROCESSED_EVENT_RETENTION_DAYS: '30',
    AUTH_JWKS_FILE: '',
    AUTH_JWKS_URL: '',
    AUTH_ISSUER: 'trialstream-local',
    AUTH_AUDIENCE: 'trialstream',
    AUTH_PUBLIC_METRICS: 'false',
    AUTH_PUBLIC_DOCS: 'true',
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
