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

  it('refuses bad values, naming each variable and rule', () => {
    expect(() => validateServiceEnv(ServiceEnv, defaults, { HTTP_PORT: '70000', KAFKA_BROKERS: 'kafka' })).toThrow(
      /HTTP_PORT: HTTP_PORT must not be greater than 65535 \[max\].*KAFKA_BROKERS: KAFKA_BROKERS must be host:port/,
    );
  });
});
