import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiForbiddenResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, Allow, CurrentActor, ApiPageResponse, pageOf, pageWindow, RECORD_READERS } from '@trialstream/platform';
import { DataSource, IsNull, Not, type FindOptionsWhere } from 'typeorm';
import { DosingHold } from '../persistence/dosing-hold.entity';
import { safetyPolicyOr404 } from '../trials/safety-policy-or-404';
import { DosingHolds } from './dosing-holds.service';
import { HoldQuery, LiftHoldRequest, PlaceHoldRequest } from './requests';

@ApiTags('dosing holds')
@Controller('trials/:trialId/dosing-holds')
export class HoldsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly holds: DosingHolds,
  ) {}

  @Allow('safety-monitor', 'dsmb')
  @Post()
  @ApiCreatedResponse({ description: 'The hold is in place; DosingHoldPlaced is published (a TRIAL hold suspends the trial in the registry).' })
  @ApiConflictResponse({ description: 'Dosing is already on hold for that subject, or trial-wide.' })
  place(@Param('trialId') trialId: string, @Body() request: PlaceHoldRequest, @CurrentActor() actor: Actor) {
    return this.holds.placeByPerson(trialId, { ...request, placedBy: actor.subject });
  }

  @Allow('safety-monitor', 'dsmb')
  @Post(':holdId/lift')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The hold is lifted, with who and why; DosingHoldLifted is published. Resuming a suspended trial is a separate status change in the registry.' })
  @ApiConflictResponse({ description: 'The hold was lifted already.' })
  @ApiForbiddenResponse({ description: 'Also: only the dsmb role lifts a trial-wide hold.' })
  lift(@Param('trialId') trialId: string, @Param('holdId', ParseUUIDPipe) holdId: string, @Body() request: LiftHoldRequest, @CurrentActor() actor: Actor) {
    return this.holds.lift(trialId, holdId, request, actor);
  }

  @Allow(...RECORD_READERS)
  @Get()
  @ApiPageResponse('Dosing holds of the trial, newest first.')
  async list(@Param('trialId') trialId: string, @Query() query: HoldQuery) {
    await safetyPolicyOr404(this.dataSource.manager, trialId);
    const where: FindOptionsWhere<DosingHold> = { trialId };
    if (query.subjectId) where.subjectId = query.subjectId;
    if (query.inPlace !== undefined) where.liftedAt = query.inPlace ? IsNull() : Not(IsNull());
    return pageOf(await this.dataSource.getRepository(DosingHold).findAndCount({ where, order: { placedAt: 'DESC', holdId: 'ASC' }, ...pageWindow(query) }), query);
  }
}
