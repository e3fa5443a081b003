import { Partitioners, type Admin, type Message, type PartitionMetadata, type Producer } from 'kafkajs';
import { unacknowledged } from './acknowledgements';

/** Messages for one topic. */
export interface TopicBatch<M extends Message = Message> {
  topic: string;
  messages: M[];
}

/** A message with the partition it was sent to. */
export interface Placed {
  partition: number;
}

/** The partitions of a topic as the cluster reports them. */
export type PartitionLookup = (topic: string) => Promise<PartitionMetadata[]>;

/** Each topic's partitions, fetched once through an admin client and remembered until cleared. */
export class TopicPartitions {
  private readonly byTopic = new Map<string, PartitionMetadata[]>();

  constructor(private readonly admin: Admin) {}

  readonly lookup: PartitionLookup = async (topic) => {
    let partitions = this.byTopic.get(topic);
    if (!partitions) {
      partitions = (await this.admin.fetchTopicMetadata({ topics: [topic] })).topics[0].partitions;
      this.byTopic.set(topic, partitions);
    }
    return partitions;
  };

  clear(): void {
    this.byTopic.clear();
  }
}

const partitionOf = Partitioners.DefaultPartitioner();

/**
 * Sends with acks from all in-sync replicas and returns the messages that were not written: those
 * whose partition the broker did not acknowledge without error (see unacknowledged). Each message
 * gets its partition here, as the producer would give it (murmur2 of the key, like the Java
 * client), so that every partition written to can be checked. Empty: everything was acknowledged.
 */
export async function sendAcknowledged<M extends Message>(producer: Producer, partitions: PartitionLookup, batches: TopicBatch<M>[]): Promise<TopicBatch<M & Placed>[]> {
  const placed = await Promise.all(
    batches.map(async ({ topic, messages }) => {
      const partitionMetadata = await partitions(topic);
      return { topic, messages: messages.map((message) => ({ ...message, partition: partitionOf({ topic, partitionMetadata, message }) })) };
    }),
  );
  const answers = await producer.sendBatch({ acks: -1, topicMessages: placed });
  const missing = new Set(unacknowledged(placed.flatMap(({ topic, messages }) => messages.map(({ partition }) => ({ topic, partition }))), answers));
  return placed
    .map(({ topic, messages }) => ({ topic, messages: messages.filter(({ partition }) => missing.has(`${topic}/${partition}`)) }))
    .filter(({ messages }) => messages.length > 0);
}

/** Where unwritten messages were to go, e.g. ["enrollment/2", "enrollment/5"]. */
export function partitionsOf(unwritten: TopicBatch<Placed & Message>[]): string[] {
  return [...new Set(unwritten.flatMap(({ topic, messages }) => messages.map(({ partition }) => `${topic}/${partition}`)))].sort();
}
