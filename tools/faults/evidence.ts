import type { Kafka } from 'kafkajs';
import { readTopic } from './observe';

/**
 * What a failed run leaves for the post-mortem before it cleans up: every consumer group of the run
 * (state, members, committed offsets against each partition's end) and where on the ingress topic
 * the inputs without an effect are, if they are there at all.
 */

export interface GroupEvidence {
  groupId: string;
  state: string;
  members: number;
  partitions: { topic: string; partition: number; committed: string; end: string; lag: number }[];
}

export async function consumerGroups(kafka: Kafka, prefix: string): Promise<GroupEvidence[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const groupIds = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(prefix) && !g.includes('reader-'));
    const described = await admin.describeGroups(groupIds);
    const evidence: GroupEvidence[] = [];
    for (const group of described.groups) {
      const partitions: GroupEvidence['partitions'] = [];
      for (const { topic, partitions: committed } of await admin.fetchOffsets({ groupId: group.groupId })) {
        const ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, p.high]));
        for (const p of committed) {
          const end = ends.get(p.partition) ?? '-1';
          partitions.push({ topic, partition: p.partition, committed: p.offset, end, lag: Number(end) - Math.max(0, Number(p.offset)) });
        }
      }
      evidence.push({ groupId: group.groupId, state: group.state, members: group.members.length, partitions });
    }
    return evidence;
  } finally {
    await admin.disconnect();
  }
}

/** Where the given keys' messages are on the topic (partition and offset), and which keys are not there. */
export async function whereOnTopic(kafka: Kafka, topic: string, keys: string[], groupPrefix: string): Promise<{ found: { key: string; partition: number; offset: string }[]; absent: string[] }> {
  const wanted = new Set(keys);
  const found = (await readTopic(kafka, topic, groupPrefix)).filter((r) => wanted.has(r.key)).map(({ key, partition, offset }) => ({ key, partition, offset }));
  const seen = new Set(found.map((f) => f.key));
  return { found, absent: keys.filter((k) => !seen.has(k)) };
}
