import { Allow } from '../auth/access';
import { Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { ConsumingService } from '@trialstream/contracts';
import { DataSource } from 'typeorm';
import { ApiPageResponse, PageQuery } from '../http/pagination';
import { OperatorCommands } from '../audit/operator-commands';
import { DeadLetterEntry, DeadLetterList } from './dead-letter-list';
import { DeadLetterReplay } from './dead-letter-replay';
import { KafkaEventTransport } from './event-transport';
import { KafkaConnection } from './kafka-connection';
import { ParkedEvents } from './parked-events';

export const SERVICE_NAME = Symbol('SERVICE_NAME');

@ApiTags('operations')
@Allow('operations')
@Controller('operations/dead-letters')
export class DeadLettersController {
  constructor(
    private readonly kafka: KafkaConnection,
    private readonly transport: KafkaEventTransport,
    private readonly dataSource: DataSource,
    private readonly commands: OperatorCommands,
    @Inject(SERVICE_NAME) private readonly service: ConsumingService,
  ) {}

  @Get()
  @ApiPageResponse("What this service's dead-letter topic holds now, oldest first, with kind, reason, source and the original bytes.", DeadLetterEntry)
  list(@Query() page: PageQuery) {
    return new DeadLetterList(this.kafka, this.service).page(page);
  }

  /** After the cause is fixed: this service handles its dead letters again, each before later events of its key. */
  @Post('replay')
  @HttpCode(200)
  @ApiQuery({ name: 'kind', required: false, description: 'Only this failure kind, e.g. HANDLER_FAILED.' })
  @ApiOkResponse({ description: 'How many dead letters were replayed, per source topic, and how many were left alone.' })
  replay(@Query('kind') kind?: string) {
    const group = this.transport.consumerGroup;
    const replay = new DeadLetterReplay(this.kafka, this.service, this.dataSource, new ParkedEvents(this.dataSource, group), group);
    return this.commands.run('dead-letter-replay', { kind: kind ?? null }, () => replay.replay(kind));
  }
}
