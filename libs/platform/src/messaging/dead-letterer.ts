import { Logger } from '@nestjs/common';
import { deadLetterTopic, type ConsumingService } from '@trialstream/contracts';
import type { ServiceMetrics } from '../metrics/metrics';
import type { ConsumedMessage } from './consumed-message';
import { deadLetterHeaders } from './headers';
import type { KafkaConnection } from './kafka-connection';

export interface DeadLetter {
  message: ConsumedMessage;
  kind: string;
  reason: string;
}

/** Sends what a consumer group gave up on to its service's dead-letter topic, with the original bytes and a reason. */
export class DeadLetterer {
  private readonly logger = new Logger('DeadLetters');

  constructor(
    private readonly kafka: KafkaConnection,
    private readonly metrics: ServiceMetrics,
    private readonly service: ConsumingService,
    private readonly consumerGroup: string,
  ) {}

  async send(deadLetters: DeadLetter[]): Promise<void> {
    if (deadLetters.length === 0) return;
    const topic = this.kafka.topic(deadLetterTopic(this.service));
    await this.kafka.send(
      deadLetters.map(({ message, kind, reason }) => ({
        topic,
        key: message.key,
        value: message.value,
        headers: {
          ...message.headers,
          ...deadLetterHeaders({
            kind,
            reason,
            sourceTopic: message.topic,
            sourcePartition: message.partition,
            sourceOffset: message.offset,
            consumerGroup: this.consumerGroup,
          }),
        },
      })),
    );
    for (const { message, kind, reason } of deadLetters) {
      this.logger.warn({ message: 'dead-lettered a message', kind, reason, topic: message.topic, partition: message.partition, offset: message.offset });
      this.metrics.eventsDeadLettered.inc({ kind });
    }
  }
}
