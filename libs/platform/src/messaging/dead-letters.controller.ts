import { Controller, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { ConsumingService } from '@trialstream/contracts';
import { DeadLetterReplay } from './dead-letter-replay';
import { KafkaConnection } from './kafka-connection';

export const SERVICE_NAME = Symbol('SERVICE_NAME');

@ApiTags('operations')
@Controller('operations/dead-letters')
export class DeadLettersController {
  constructor(
    private readonly kafka: KafkaConnection,
    @Inject(SERVICE_NAME) private readonly service: ConsumingService,
  ) {}

  /** After the cause is fixed: send this service's dead letters back to their source topics. */
  @Post('replay')
  @HttpCode(200)
  @ApiQuery({ name: 'kind', required: false, description: 'Only this failure kind, e.g. HANDLER_FAILED.' })
  @ApiOkResponse({ description: 'How many dead letters were replayed, per source topic, and how many were left alone.' })
  replay(@Query('kind') kind?: string) {
    return new DeadLetterReplay(this.kafka, this.service).replay(kind);
  }
}
