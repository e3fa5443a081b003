import type { PartitionMetadata, Producer, ProducerBatch, RecordMetadata } from 'kafkajs';
import { partitionsOf, sendAcknowledged } from './acknowledged-send';

// The broker's side is a stand-in here: what kafkajs resolves after a broker died mid-send
// (tulios/kafkajs#1303) cannot be produced on demand against a real cluster.
function producerAnswering(answered: (partition: number) => boolean) {
  const sent: ProducerBatch[] = [];
  const producer = {
    sendBatch: async (batch: ProducerBatch): Promise<RecordMetadata[]> => {
      sent.push(batch);
      const partitions = new Set(batch.topicMessages!.flatMap((t) => t.messages.map((m) => `${t.topic}/${m.partition}`)));
      return [...partitions]
        .map((p) => ({ topicName: p.split('/')[0], partition: Number(p.split('/')[1]), errorCode: 0 }))
        .filter((a) => answered(a.partition));
    },
  } as unknown as Producer;
  return { producer, sent };
}

const sixPartitions = async (): Promise<PartitionMetadata[]> =>
  [0, 1, 2, 3, 4, 5].map((partitionId) => ({ partitionId, leader: 1, replicas: [1], isr: [1], partitionErrorCode: 0 }));

const messages = Array.from({ length: 60 }, (_, i) => ({ key: `subject-${i}`, value: `screening ${i}` }));

describe('sendAcknowledged', () => {
  it('places each message on the partition of its key (murmur2), the same on every send', async () => {
    const { producer, sent } = producerAnswering(() => true);
    await sendAcknowledged(producer, sixPartitions, [{ topic: 'ingress', messages }]);
    await sendAcknowledged(producer, sixPartitions, [{ topic: 'ingress', messages }]);
    const [first, second] = sent.map((b) => b.topicMessages![0].messages.map((m) => m.partition));
    expect(new Set(first).size).toBe(6);
    expect(second).toEqual(first);
    expect(sent[0].acks).toBe(-1);
  });

  it('returns nothing when every partition written to was acknowledged', async () => {
    const { producer } = producerAnswering(() => true);
    expect(await sendAcknowledged(producer, sixPartitions, [{ topic: 'ingress', messages }])).toEqual([]);
  });

  it('returns exactly the messages of the partitions left out of the answer, with their partition', async () => {
    const { producer, sent } = producerAnswering((partition) => partition !== 2 && partition !== 5);
    const unwritten = await sendAcknowledged(producer, sixPartitions, [{ topic: 'ingress', messages }]);
    const expected = sent[0].topicMessages![0].messages.filter((m) => m.partition === 2 || m.partition === 5);
    expect(expected.length).toBeGreaterThan(0);
    expect(unwritten).toEqual([{ topic: 'ingress', messages: expected }]);
    expect(partitionsOf(unwritten)).toEqual(['ingress/2', 'ingress/5']);
  });
});
