import { Allow } from '../auth/access';
import { Controller, Get, HttpCode, NotFoundException, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiPageResponse, PageQuery } from '../http/pagination';
import { OperatorCommands } from '../audit/operator-commands';
import { OutboxRelay } from './outbox-relay';

@ApiTags('operations')
@Allow('operations')
@Controller('operations/outbox/set-aside')
export class OutboxOperationsController {
  constructor(
    private readonly relay: OutboxRelay,
    private readonly commands: OperatorCommands,
  ) {}

  /** Events the broker refused for good, with the reason; later events of their keys wait behind them. */
  @Get()
  @ApiPageResponse('Set-aside outbox rows, oldest first: event id, type, topic, key, reason and when.')
  list(@Query() page: PageQuery) {
    return this.relay.setAside(page);
  }

  /** After the cause is fixed: publish the event again, in its place before the later events of its key. */
  @Post(':eventId/retry')
  @HttpCode(200)
  retry(@Param('eventId', ParseUUIDPipe) eventId: string) {
    return this.commands.run('outbox-retry', { eventId }, async () => {
      if (!(await this.relay.retrySetAside(eventId))) throw new NotFoundException(`no set-aside outbox row with event id ${eventId}`);
      return { eventId, retrying: true };
    });
  }
}
