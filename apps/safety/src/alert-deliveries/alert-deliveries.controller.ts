import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RuleViolationError } from '@trialstream/contracts';
import { Allow, ApiPageResponse, Clock, foundOr404, OperatorCommands, pageOf, pageWindow } from '@trialstream/platform';
import { DataSource, type FindOptionsWhere } from 'typeorm';
import { AlertDelivery } from '../persistence/alert-delivery.entity';
import { DELIVERIES_QUEUED } from './alert-delivery-queue';
import { DeliveryQuery } from './requests';

@ApiTags('alert deliveries')
@Allow('safety-monitor', 'operations')
@Controller('alert-deliveries')
export class AlertDeliveriesController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly commands: OperatorCommands,
  ) {}

  @Get()
  @ApiPageResponse('Deliveries of alerts to subscribed endpoints, newest first: status, attempts, the next attempt, the last error.')
  async list(@Query() query: DeliveryQuery) {
    const where: FindOptionsWhere<AlertDelivery> = {};
    if (query.status) where.status = query.status;
    if (query.subscriptionId) where.subscriptionId = query.subscriptionId;
    const found = await this.dataSource.getRepository(AlertDelivery).findAndCount({ where, order: { createdAt: 'DESC', deliveryId: 'ASC' }, ...pageWindow(query) });
    return pageOf(found, query);
  }

  /** Once the endpoint answers again: the dead-lettered delivery is pending again, with a new give-up time. */
  @Post(':deliveryId/replay')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The delivery, pending again: attempted at once, with back-off and give-up time counted from now.' })
  @ApiNotFoundResponse({ description: 'No delivery has that id.' })
  @ApiConflictResponse({ description: 'The delivery is not dead-lettered.' })
  replay(@Param('deliveryId', ParseUUIDPipe) deliveryId: string) {
    return this.commands.run('alert-delivery-replay', { deliveryId }, () =>
      this.dataSource.transaction(async (tx) => {
        const deliveries = tx.getRepository(AlertDelivery);
        const delivery = foundOr404(await deliveries.findOne({ where: { deliveryId }, lock: { mode: 'pessimistic_write' } }), `alert delivery ${deliveryId}`);
        if (delivery.status !== 'DEAD_LETTERED') {
          throw RuleViolationError.of('deliveryId', 'deadLettered', `alert delivery ${deliveryId} is ${delivery.status}: only a dead-lettered delivery is replayed`, 'conflict');
        }
        const now = this.clock.now();
        const replayed = await deliveries.save({ ...delivery, status: 'PENDING', attempts: 0, pendingSince: now, nextAttemptAt: now, deadLetteredAt: null });
        DELIVERIES_QUEUED.set(tx);
        return replayed;
      }),
    );
  }
}
