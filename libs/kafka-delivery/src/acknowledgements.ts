/** Where a message was sent: its topic and the partition it was given. */
export interface SentTo {
  topic: string;
  partition: number;
}

/** What the broker answered for one partition of a send (kafkajs's RecordMetadata). */
export interface PartitionAnswer {
  topicName: string;
  partition: number;
  errorCode: number;
}

/**
 * The partitions a send wrote to that the broker did not acknowledge without error. kafkajs can
 * resolve a send whose broker died mid-request with answers for the other brokers' partitions only
 * (tulios/kafkajs#1303): the messages for the missing ones were never written.
 */
export function unacknowledged(sent: SentTo[], answers: PartitionAnswer[]): string[] {
  const acknowledged = new Set(answers.filter((a) => a.errorCode === 0).map((a) => `${a.topicName}/${a.partition}`));
  return [...new Set(sent.map((s) => `${s.topic}/${s.partition}`))].filter((p) => !acknowledged.has(p)).sort();
}
