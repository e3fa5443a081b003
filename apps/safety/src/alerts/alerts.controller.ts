import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, Allow, ApiPageResponse, CurrentActor, pageOf, pageWindow } from '@trialstream/platform';
import { DataSource, IsNull, Not, type FindOptionsWhere } from 'typeorm';
import { SafetyAlert } from '../persistence/safety-alert.entity';
import { safetyPolicyOr404 } from '../trials/safety-policy-or-404';
import { ALERT_READERS, AlertQuery } from './requests';
import { SafetyAlerts } from './safety-alerts.service';

@ApiTags('alerts')
@Controller('trials/:trialId/alerts')
export class AlertsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly alerts: SafetyAlerts,
  ) {}

  @Allow(...ALERT_READERS)
  @Get()
  @ApiPageResponse('Alerts raised for the trial, newest first, filtered by kind, severity, subject, case or acknowledgement.')
  async list(@Param('trialId') trialId: string, @Query() query: AlertQuery) {
    await safetyPolicyOr404(this.dataSource.manager, trialId);
    const where: FindOptionsWhere<SafetyAlert> = { trialId };
    if (query.kind) where.kind = query.kind;
    if (query.severity) where.severity = query.severity;
    if (query.subjectId) where.subjectId = query.subjectId;
    if (query.caseId) where.caseId = query.caseId;
    if (query.acknowledged !== undefined) where.acknowledgedAt = query.acknowledged ? Not(IsNull()) : IsNull();
    const found = await this.dataSource.getRepository(SafetyAlert).findAndCount({ where, order: { raisedAt: 'DESC', alertId: 'ASC' }, ...pageWindow(query) });
    return pageOf(found, query);
  }

  @Allow('safety-monitor')
  @Post(':alertId/acknowledgement')
  @HttpCode(200)
  @ApiOkResponse({ description: "The alert, acknowledged now by the token's holder." })
  @ApiConflictResponse({ description: 'Someone acknowledged it already.' })
  acknowledge(@Param('trialId') trialId: string, @Param('alertId', ParseUUIDPipe) alertId: string, @CurrentActor() actor: Actor) {
    return this.alerts.acknowledge(trialId, alertId, actor.subject);
  }
}
