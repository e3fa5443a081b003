import { Controller, Get, HttpCode, NotFoundException, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { OutboxRelay } from './outbox-relay';

@ApiTags('operations')
@Controller('operations/outbox/set-aside')
export class OutboxOperationsController {
  constructor(private readonly relay: OutboxRelay) {}

  /** Events the broker refused for good, with the reason; later events of their keys wait behind them. */
  @Get()
  @ApiOkResponse({ description: 'Set-aside outbox rows, oldest first: event id, type, topic, key, reason and when.' })
  list() {
    return this.relay.setAside();
  }

  /** After the cause is fixed: publish the event again, in its place before the later events of its key. */
  @Post(':eventId/retry')
  @HttpCode(200)
  async retry(@Param('eventId', ParseUUIDPipe) eventId: string) {
    if (!(await this.relay.retrySetAside(eventId))) throw new NotFoundException(`no set-aside outbox row with event id ${eventId}`);
    return { eventId, retrying: true };
  }
}
