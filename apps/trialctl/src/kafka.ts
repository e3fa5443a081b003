import { isAuthorizationFailure, kafkaClientSecurity, kafkaSecurityOf } from '@trialstream/kafka-delivery';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { CliError, EXIT } from './exit-codes';

/** Broker options shared by the commands that talk to Kafka. */
export const kafkaOptions = {
  brokers: { type: 'string', default: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092', describe: 'Kafka brokers, comma-separated (env KAFKA_BROKERS)' },
  'topic-prefix': { type: 'string', default: process.env.KAFKA_TOPIC_PREFIX ?? '', describe: "The environment's topic prefix (env KAFKA_TOPIC_PREFIX)" },
} as const;

/**
 * A client that gives up on an absent broker within seconds rather than retrying for minutes. It logs
 * in as the services do, from the same variables (KAFKA_SECURITY_PROTOCOL=SASL_SSL, KAFKA_SASL_MECHANISM,
 * KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE, KAFKA_SSL_CA_FILE): never from a
 * flag, which would leave the password in the shell's history and the process list.
 */
export function kafkaClient(brokers: string, env: NodeJS.ProcessEnv = process.env): Kafka {
  let security;
  try {
    security = kafkaSecurityOf(env);
  } catch (error) {
    throw new CliError((error as Error).message, EXIT.usage);
  }
  return new Kafka({
    clientId: 'trialctl',
    brokers: brokers.split(',').map((b) => b.trim()).filter(Boolean),
    ...kafkaClientSecurity(security),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3000,
    retry: { retries: 3, maxRetryTime: 2000 },
  });
}

export const producerOf = (kafka: Kafka) => kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });

/** Connects, turning a broker that does not answer into exit status 4, and one that refuses the login into 5. */
export async function connectOrExit(client: { connect(): Promise<void> }, brokers: string): Promise<void> {
  try {
    await client.connect();
  } catch (error) {
    if ((error as Error).name === 'KafkaJSSASLAuthenticationError') throw new CliError(`the broker at ${brokers} refused the login: ${(error as Error).message}`, EXIT.refusedByService);
    throw new CliError(`the broker at ${brokers} is unreachable: ${(error as Error).message}`, EXIT.unreachable);
  }
}

/** A request to the broker that failed, as trialctl's error: 5 when the broker's ACLs refused it, 1 otherwise. */
export function kafkaFailure(what: string, error: Error): CliError {
  return new CliError(`${what} failed: ${error.message}`, isAuthorizationFailure(error) ? EXIT.refusedByService : EXIT.failed);
}
