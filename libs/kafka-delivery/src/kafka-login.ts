import { readFileSync } from 'node:fs';
import type { KafkaConfig } from 'kafkajs';

/** A SASL (SCRAM) login over TLS. */
export interface KafkaSecurity {
  mechanism: 'scram-sha-512' | 'scram-sha-256';
  username: string;
  password: string;
  /** PEM certificate(s) of the CA that signed the brokers' certificates; absent: the system's trusted CAs. */
  ca?: string;
}

/** The variables a Kafka login is read from, by the services (validated first by their ServiceEnv) and by trialctl. */
export interface KafkaSecurityEnv {
  KAFKA_SECURITY_PROTOCOL?: string;
  KAFKA_SASL_MECHANISM?: string;
  KAFKA_SASL_USERNAME?: string;
  KAFKA_SASL_PASSWORD?: string;
  KAFKA_SASL_PASSWORD_FILE?: string;
  KAFKA_SSL_CA_FILE?: string;
}

const MECHANISMS = ['scram-sha-512', 'scram-sha-256'] as const;

/**
 * The login and trusted CA for KAFKA_SECURITY_PROTOCOL=SASL_SSL, reading the password and CA files;
 * undefined for PLAINTEXT (the default). A bad or incomplete setting throws, naming the variable
 * and the rule and never the password.
 */
export function kafkaSecurityOf(env: KafkaSecurityEnv): KafkaSecurity | undefined {
  const protocol = env.KAFKA_SECURITY_PROTOCOL || 'PLAINTEXT';
  if (protocol !== 'PLAINTEXT' && protocol !== 'SASL_SSL') throw new Error('KAFKA_SECURITY_PROTOCOL must be PLAINTEXT or SASL_SSL');
  if (protocol === 'PLAINTEXT') return undefined;
  const mechanism = (env.KAFKA_SASL_MECHANISM || 'scram-sha-512').toLowerCase();
  if (!MECHANISMS.includes(mechanism as KafkaSecurity['mechanism'])) throw new Error('KAFKA_SASL_MECHANISM must be scram-sha-512 or scram-sha-256');
  if (!env.KAFKA_SASL_USERNAME) throw new Error('KAFKA_SASL_USERNAME is required with KAFKA_SECURITY_PROTOCOL=SASL_SSL');
  if (Boolean(env.KAFKA_SASL_PASSWORD) === Boolean(env.KAFKA_SASL_PASSWORD_FILE)) {
    throw new Error('set exactly one of KAFKA_SASL_PASSWORD and KAFKA_SASL_PASSWORD_FILE with KAFKA_SECURITY_PROTOCOL=SASL_SSL');
  }
  const read = (variable: 'KAFKA_SASL_PASSWORD_FILE' | 'KAFKA_SSL_CA_FILE', path: string) => {
    try {
      return readFileSync(path, 'utf8');
    } catch (error) {
      throw new Error(`${variable}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  };
  // A password file written by a shell or a secret mount may end with a newline that is not part of it.
  const password = env.KAFKA_SASL_PASSWORD_FILE ? read('KAFKA_SASL_PASSWORD_FILE', env.KAFKA_SASL_PASSWORD_FILE).replace(/\r?\n$/, '') : (env.KAFKA_SASL_PASSWORD as string);
  if (password === '') throw new Error('KAFKA_SASL_PASSWORD_FILE: the file is empty');
  return {
    mechanism: mechanism as KafkaSecurity['mechanism'],
    username: env.KAFKA_SASL_USERNAME,
    password,
    ...(env.KAFKA_SSL_CA_FILE ? { ca: read('KAFKA_SSL_CA_FILE', env.KAFKA_SSL_CA_FILE) } : {}),
  };
}

/** kafkajs's TLS and SASL options for a login; none for PLAINTEXT. */
export function kafkaClientSecurity(security: KafkaSecurity | undefined): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  if (!security) return {};
  const { mechanism, username, password, ca } = security;
  // kafkajs types each SCRAM mechanism apart, hence one branch per mechanism.
  return { ssl: ca ? { ca: [ca] } : true, sasl: mechanism === 'scram-sha-256' ? { mechanism, username, password } : { mechanism, username, password } };
}
