import { unacknowledged } from './acknowledgements';

describe('unacknowledged', () => {
  const sent = [
    { topic: 'enrollment', partition: 0 },
    { topic: 'enrollment', partition: 2 },
    { topic: 'enrollment', partition: 2 },
    { topic: 'dead-letter', partition: 0 },
  ];

  it('is empty when every partition written to answered without error', () => {
    const answers = [
      { topicName: 'enrollment', partition: 0, errorCode: 0 },
      { topicName: 'enrollment', partition: 2, errorCode: 0 },
      { topicName: 'dead-letter', partition: 0, errorCode: 0 },
    ];
    expect(unacknowledged(sent, answers)).toEqual([]);
  });

  it('names each partition with no answer (its broker died mid-send) or an error, once', () => {
    const answers = [
      { topicName: 'enrollment', partition: 0, errorCode: 0 },
      { topicName: 'dead-letter', partition: 0, errorCode: 6 },
    ];
    expect(unacknowledged(sent, answers)).toEqual(['dead-letter/0', 'enrollment/2']);
  });

  it('does not count an answer for another topic with the same partition number', () => {
    expect(unacknowledged([{ topic: 'enrollment', partition: 1 }], [{ topicName: 'safety', partition: 1, errorCode: 0 }])).toEqual(['enrollment/1']);
  });
});
