import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kafkaSecurityOf } from '@trialstream/kafka-delivery';
import { defaultServiceEnv, ServiceEnv, validateServiceEnv } from './service-env';

const defaults = defaultServiceEnv('infusion-tracking', 3003);

describe('service environment', () => {
  it('fills in per-service defaults, including the service database', () => {
    const env = validateServiceEnv(ServiceEnv, defaults, {});
    expect(env.HTTP_PORT).toBe(3003);
    expect(env.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/trialstream_infusion_tracking');
    expect(env.OUTBOX_RELAY_ENABLED).toBe(true);
  });

  it('reads typed values from strings', () => {
    const env = validateServiceEnv(ServiceEnv, defaults, { OUTBOX_RELAY_ENABLED: 'false', CONSUMER_MAX_ATTEMPTS: '3' });
    expect(env.OUTBOX_RELAY_ENABLED).toBe(false);
    expect(env.CONSUMER_MAX_ATTEMPTS).toBe(3);
  });

  it("creates topics with the cluster's replication factor unless one is given; 0 is no replication factor", () => {
    expect(validateServiceEnv(ServiceEnv, defaults, {}).KAFKA_REPLICATION_FACTOR).toBe(-1);
    expect(validateServiceEnv(ServiceEnv, defaults, { KAFKA_REPLICATION_FACTOR: '3' }).KAFKA_REPLICATION_FACTOR).toBe(3);
    expect(() => validateServiceEnv(ServiceEnv, defaults, { KAFKA_REPLICATION_FACTOR: '0' })).toThrow(/KAFKA_REPLICATION_FACTOR must be -1 \(the cluster default\) or 1 and up/);
  });

  it('gives a crashed instance 10 s before its partitions move on, within the bounds Kafka accepts', () => {
    expect(validateServiceEnv(ServiceEnv, defaults, {}).CONSUMER_SESSION_TIMEOUT_MS).toBe(10_000);
    expect(validateServiceEnv(ServiceEnv, defaults, { CONSUMER_SESSION_TIMEOUT_MS: '45000' }).CONSUMER_SESSION_TIMEOUT_MS).toBe(45_000);
    expect(() => validateServiceEnv(ServiceEnv, defaults, { CONSUMER_SESSION_TIMEOUT_MS: '5000' })).toThrow(/CONSUMER_SESSION_TIMEOUT_MS must not be less than 6000/);
  });

  it('refuses bad values, naming each variable and rule', () => {
    expect(() => validateServiceEnv(ServiceEnv, defaults, { HTTP_PORT: '70000', KAFKA_BROKERS: 'kafka' })).toThrow(
      /HTTP_PORT: HTTP_PORT must not be greater than 65535 \[max\].*KAFKA_BROKERS: KAFKA_BROKERS must be host:port/,
    );
  });
});

describe('Kafka security settings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'service-env-'));
  const passwordFile = join(dir, 'service.password');
  const caFile = join(dir, 'ca.crt');
  writeFileSync(passwordFile, 's3cret-from-file\n');
  writeFileSync(caFile, '-----BEGIN CERTIFICATE-----\n...\n-----END CERTIFICATE-----\n');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const sasl = { KAFKA_SECURITY_PROTOCOL: 'SASL_SSL', KAFKA_SASL_USERNAME: 'trialstream-service' };
  const problems = (env: Record<string, string>) => {
    try {
      validateServiceEnv(ServiceEnv, defaults, env);
      return '';
    } catch (error) {
      return (error as Error).message;
    }
  };

  it('is PLAINTEXT with no login by default', () => {
    const env = validateServiceEnv(ServiceEnv, defaults, {});
    expect(env.KAFKA_SECURITY_PROTOCOL).toBe('PLAINTEXT');
    expect(kafkaSecurityOf(env)).toBeUndefined();
  });

  it('reads SCRAM over TLS with a password file (its trailing newline dropped) and a CA file', () => {
    const env = validateServiceEnv(ServiceEnv, defaults, { ...sasl, KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512', KAFKA_SASL_PASSWORD_FILE: passwordFile, KAFKA_SSL_CA_FILE: caFile });
    expect(kafkaSecurityOf(env)).toEqual({
      mechanism: 'scram-sha-512',
      username: 'trialstream-service',
      password: 's3cret-from-file',
      ca: readFileSync(caFile, 'utf8'),
    });
  });

  it('takes the password from the environment too, and the system CAs when no CA file is given', () => {
    const env = validateServiceEnv(ServiceEnv, defaults, { ...sasl, KAFKA_SASL_PASSWORD: 's3cret' });
    expect(kafkaSecurityOf(env)).toEqual({ mechanism: 'scram-sha-512', username: 'trialstream-service', password: 's3cret' });
  });

  it('refuses an incomplete or contradictory login, naming the variable and rule and never the password', () => {
    expect(problems({ KAFKA_SECURITY_PROTOCOL: 'SSL' })).toMatch(/KAFKA_SECURITY_PROTOCOL: KAFKA_SECURITY_PROTOCOL must be PLAINTEXT or SASL_SSL \[isIn\]/);
    expect(problems({ KAFKA_SECURITY_PROTOCOL: 'SASL_SSL', KAFKA_SASL_PASSWORD: 's3cret' })).toMatch(
      /KAFKA_SASL_USERNAME: KAFKA_SASL_USERNAME is required with KAFKA_SECURITY_PROTOCOL=SASL_SSL \[onlyWithSasl\]/,
    );
    expect(problems(sasl)).toMatch(/KAFKA_SASL_PASSWORD: set exactly one of KAFKA_SASL_PASSWORD and KAFKA_SASL_PASSWORD_FILE .* \[onePasswordSource\]/);
    const both = problems({ ...sasl, KAFKA_SASL_PASSWORD: 's3cret', KAFKA_SASL_PASSWORD_FILE: passwordFile });
    expect(both).toMatch(/\[onePasswordSource\]/);
    expect(both).not.toContain('s3cret');
    expect(problems({ ...sasl, KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_PASSWORD: 's3cret' })).toMatch(/KAFKA_SASL_MECHANISM must be scram-sha-512 or scram-sha-256 \[isIn\]/);
    expect(problems({ ...sasl, KAFKA_SASL_PASSWORD_FILE: join(dir, 'missing'), KAFKA_SSL_CA_FILE: dir })).toMatch(
      /KAFKA_SASL_PASSWORD_FILE: KAFKA_SASL_PASSWORD_FILE must name a file this process can read \[readableFile\].*KAFKA_SSL_CA_FILE: KAFKA_SSL_CA_FILE must name a file/,
    );
  });

  it('refuses a login under PLAINTEXT rather than leave it unused', () => {
    const message = problems({ KAFKA_SASL_USERNAME: 'sponsor', KAFKA_SASL_PASSWORD: 's3cret' });
    expect(message).toMatch(/KAFKA_SASL_USERNAME: KAFKA_SASL_USERNAME applies only with KAFKA_SECURITY_PROTOCOL=SASL_SSL \[onlyWithSasl\]/);
    expect(message).toMatch(/KAFKA_SASL_PASSWORD: KAFKA_SASL_PASSWORD applies only with/);
    expect(message).not.toContain('s3cret');
  });

  it('refuses an empty password file', () => {
    const empty = join(dir, 'empty.password');
    writeFileSync(empty, '\n');
    const env = validateServiceEnv(ServiceEnv, defaults, { ...sasl, KAFKA_SASL_PASSWORD_FILE: empty });
    expect(() => kafkaSecurityOf(env)).toThrow('KAFKA_SASL_PASSWORD_FILE: the file is empty');
  });

  it('takes token keys over https, or plain http from this machine only', () => {
    expect(validateServiceEnv(ServiceEnv, defaults, { AUTH_JWKS_URL: 'https://id.example.org/jwks' }).AUTH_JWKS_URL).toBe('https://id.example.org/jwks');
    expect(validateServiceEnv(ServiceEnv, defaults, { AUTH_JWKS_URL: 'http://127.0.0.1:8080/jwks' }).AUTH_JWKS_URL).toBe('http://127.0.0.1:8080/jwks');
    expect(() => validateServiceEnv(ServiceEnv, defaults, { AUTH_JWKS_URL: 'http://id.example.org/jwks' })).toThrow('AUTH_JWKS_URL must be an https URL (http only to localhost)');
  });
});
