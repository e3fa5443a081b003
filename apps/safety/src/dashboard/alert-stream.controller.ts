import { Controller, Headers, Param, Sse, type MessageEvent } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { SafetyAlertRaisedPayload } from '@trialstream/contracts';
import { Allow } from '@trialstream/platform';
import { isUUID } from 'class-validator';
import type { Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { alertPayloadOf } from '../alerts/alert-payload';
import { ALERT_READERS } from '../alerts/requests';
import { SafetyAlert } from '../persistence/safety-alert.entity';
import { safetyPolicyOr404 } from '../trials/safety-policy-or-404';
import { AlertFeed } from './alert-feed';

/** Most alerts a reconnecting stream sends again; a client further behind reads GET /trials/{trialId}/alerts. */
export const MAX_MISSED_ALERTS = 1000;

@ApiTags('alerts')
@Controller('trials/:trialId/alerts/stream')
export class AlertStreamController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly feed: AlertFeed,
  ) {}

  @Allow(...ALERT_READERS)
  @Sse()
  @ApiProduces('text/event-stream')
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: `The id of the last alert received (an EventSource sends it when it reconnects): the trial's alerts raised after it are sent first, oldest first, at most ${MAX_MISSED_ALERTS}. An id that is not an alert of the trial sends none again.`,
  })
  @ApiOkResponse({
    description:
      'Server-sent events: each SafetyAlertRaised of the trial, from the alerts topic, as an `alert` event (its payload as data, its alertId as id) from the moment of connecting, or from the Last-Event-ID given; a comment every 15 s keeps it open. Alerts raised earlier: GET /trials/{trialId}/alerts.',
  })
  async stream(@Param('trialId') trialId: string, @Headers('last-event-id') lastEventId?: string): Promise<Observable<MessageEvent>> {
    await safetyPolicyOr404(this.dataSource.manager, trialId);
    return this.feed.streamOf(trialId, lastEventId ? () => this.raisedAfter(trialId, lastEventId.trim()) : undefined);
  }

  /** The trial's alerts raised after the given one, oldest first (ties by id); none if it is not one of the trial's. */
  private async raisedAfter(trialId: string, alertId: string): Promise<SafetyAlertRaisedPayload[]> {
    if (!isUUID(alertId)) return [];
    const alerts = await this.dataSource
      .getRepository(SafetyAlert)
      .createQueryBuilder('a')
      .where('a.trial_id = :trialId', { trialId })
      .andWhere('(a.raised_at, a.alert_id) > (SELECT last.raised_at, last.alert_id FROM safety_alert last WHERE last.trial_id = :trialId AND last.alert_id = :alertId)', { alertId })
      .orderBy('a.raised_at', 'ASC')
      .addOrderBy('a.alert_id', 'ASC')
      .limit(MAX_MISSED_ALERTS)
      .getMany();
    return alerts.map(alertPayloadOf);
  }
}
