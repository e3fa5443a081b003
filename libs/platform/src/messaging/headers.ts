/** Dead-letter headers: where the message came from, who gave up on it, and why. */
export interface DeadLetterInfo {
  kind: string;
  reason: string;
  sourceTopic: string;
  sourcePartition: number;
  sourceOffset: string;
  consumerGroup: string;
}

export function deadLetterHeaders(info: DeadLetterInfo): Record<string, string> {
  return {
    'dead-letter-kind': info.kind,
    'dead-letter-reason': info.reason,
    'dead-letter-source-topic': info.sourceTopic,
    'dead-letter-source-partition': String(info.sourcePartition),
    'dead-letter-source-offset': info.sourceOffset,
    'dead-letter-consumer-group': info.consumerGroup,
    'dead-letter-at': new Date().toISOString(),
  };
}
