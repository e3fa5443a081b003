import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kafkaClientSecurity, kafkaSecurityOf } from './kafka-login';

// The services validate these variables first (ServiceEnv); trialctl relies on these checks alone.
describe('kafkaSecurityOf: a Kafka login from the environment', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kafka-login-'));
  const passwordFile = join(dir, 'sponsor.password');
  writeFileSync(passwordFile, 'from-a-file\n');
  const sasl = { KAFKA_SECURITY_PROTOCOL: 'SASL_SSL', KAFKA_SASL_USERNAME: 'sponsor' };

  it('is no login for PLAINTEXT, which is the default', () => {
    expect(kafkaSecurityOf({})).toBeUndefined();
    expect(kafkaSecurityOf({ KAFKA_SECURITY_PROTOCOL: 'PLAINTEXT' })).toBeUndefined();
    expect(kafkaClientSecurity(undefined)).toEqual({});
  });

  it('reads SCRAM-SHA-512 by default, the password from a file without its trailing newline, and the system CAs', () => {
    const login = kafkaSecurityOf({ ...sasl, KAFKA_SASL_PASSWORD_FILE: passwordFile });
    expect(login).toEqual({ mechanism: 'scram-sha-512', username: 'sponsor', password: 'from-a-file' });
    expect(kafkaClientSecurity(login)).toEqual({ ssl: true, sasl: { mechanism: 'scram-sha-512', username: 'sponsor', password: 'from-a-file' } });
    expect(kafkaClientSecurity(kafkaSecurityOf({ ...sasl, KAFKA_SASL_MECHANISM: 'SCRAM-SHA-256', KAFKA_SASL_PASSWORD: 'p', KAFKA_SSL_CA_FILE: passwordFile }))).toEqual({
      ssl: { ca: ['from-a-file\n'] },
      sasl: { mechanism: 'scram-sha-256', username: 'sponsor', password: 'p' },
    });
  });

  it('refuses a bad or incomplete setting, naming the variable and rule and never the password', () => {
    expect(() => kafkaSecurityOf({ KAFKA_SECURITY_PROTOCOL: 'SSL' })).toThrow('KAFKA_SECURITY_PROTOCOL must be PLAINTEXT or SASL_SSL');
    expect(() => kafkaSecurityOf({ ...sasl, KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_PASSWORD: 'p' })).toThrow('KAFKA_SASL_MECHANISM must be scram-sha-512 or scram-sha-256');
    expect(() => kafkaSecurityOf({ KAFKA_SECURITY_PROTOCOL: 'SASL_SSL', KAFKA_SASL_PASSWORD: 'p' })).toThrow('KAFKA_SASL_USERNAME is required with KAFKA_SECURITY_PROTOCOL=SASL_SSL');
    expect(() => kafkaSecurityOf(sasl)).toThrow('set exactly one of KAFKA_SASL_PASSWORD and KAFKA_SASL_PASSWORD_FILE');
    expect(() => kafkaSecurityOf({ ...sasl, KAFKA_SASL_PASSWORD: 's3cret', KAFKA_SASL_PASSWORD_FILE: passwordFile })).toThrow(/^set exactly one of [^3]*$/);
    expect(() => kafkaSecurityOf({ ...sasl, KAFKA_SASL_PASSWORD_FILE: join(dir, 'missing') })).toThrow(`KAFKA_SASL_PASSWORD_FILE: cannot read ${join(dir, 'missing')} (ENOENT)`);
  });
});
