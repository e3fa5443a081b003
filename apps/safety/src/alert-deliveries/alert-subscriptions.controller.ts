import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, Allow, ApiPageResponse, CurrentActor, PageQuery, pageOf, pageWindow } from '@trialstream/platform';
import { DataSource, IsNull } from 'typeorm';
import { AlertSubscription } from '../persistence/alert-subscription.entity';
import { AlertSubscriptions } from './alert-subscriptions.service';
import { SubscribeRequest } from './requests';

@ApiTags('alert deliveries')
@Controller('alert-subscriptions')
export class AlertSubscriptionsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly subscriptions: AlertSubscriptions,
  ) {}

  @Allow('safety-monitor')
  @Post()
  @ApiCreatedResponse({ description: 'The subscription with its signing secret (`secret`), shown this once: keep it to verify the Trialstream-Signature header.' })
  subscribe(@Body() request: SubscribeRequest, @CurrentActor() actor: Actor) {
    return this.subscriptions.subscribe(request, actor.subject);
  }

  @Allow('safety-monitor')
  @Get()
  @ApiPageResponse('Subscriptions in force, oldest first, without their secrets.')
  async list(@Query() query: PageQuery) {
    const found = await this.dataSource.getRepository(AlertSubscription).findAndCount({ where: { removedAt: IsNull() }, order: { createdAt: 'ASC', subscriptionId: 'ASC' }, ...pageWindow(query) });
    return pageOf(found, query);
  }

  @Allow('safety-monitor')
  @Delete(':subscriptionId')
  @ApiOkResponse({ description: 'The subscription, ended by the token\'s holder: its secret is deleted and its deliveries not yet made are cancelled.' })
  @ApiNotFoundResponse({ description: 'No subscription in force has that id.' })
  remove(@Param('subscriptionId', ParseUUIDPipe) subscriptionId: string, @CurrentActor() actor: Actor) {
    return this.subscriptions.remove(subscriptionId, actor.subject);
  }
}
