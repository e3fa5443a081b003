import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { CliError, EXIT } from './exit-codes';

/** Broker options shared by the commands that talk to Kafka. */
export const kafkaOptions = {
  brokers: { type: 'string', default: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092', describe: 'Kafka brokers, comma-separated (env KAFKA_BROKERS)' },
  'topic-prefix': { type: 'string', default: process.env.KAFKA_TOPIC_PREFIX ?? '', describe: "The environment's topic prefix (env KAFKA_TOPIC_PREFIX)" },
} as const;

/** A client that gives up on an absent broker within seconds rather than retrying for minutes. */
export function kafkaClient(brokers: string): Kafka {
  return new Kafka({
    clientId: 'trialctl',
    brokers: brokers.split(',').map((b) => b.trim()).filter(Boolean),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3000,
    retry: { retries: 3, maxRetryTime: 2000 },
  });
}

export const producerOf = (kafka: Kafka) => kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });

/** Connects, turning a broker that does not answer into exit status 4. */
export async function connectOrExit(client: { connect(): Promise<void> }, brokers: string): Promise<void> {
  try {
    await client.connect();
  } catch (error) {
    throw new CliError(`the broker at ${brokers} is unreachable: ${(error as Error).message}`, EXIT.unreachable);
  }
}
