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
    description: `The id of the last alert received (an EventSource sends it when it reconnects): the trial's alerts that went out after it are sent first, in the order they were published (the live stream's), at most ${MAX_MISSED_ALERTS}; a few may come again (those published together with it, or sent and not yet marked), none is lost, so keep alerts by alertId. Where its event is older than the outbox's retention, by when they were raised. An id that is not an alert of the trial sends none again.`,
  })
  @ApiOkResponse({
    description:
      'Server-sent events: each SafetyAlertRaised of the trial, from the alerts topic, as an `alert` event (its payload as data, its alertId as id) from the moment of connecting, or from the Last-Event-ID given; a comment every 15 s keeps it open. Alerts raised earlier: GET /trials/{trialId}/alerts.',
  })
  async stream(@Param('trialId') trialId: string, @Headers('last-event-id') lastEventId?: string): Promise<Observable<MessageEvent>> {
    await safetyPolicyOr404(this.dataSource.manager, trialId);
    return this.feed.streamOf(trialId, lastEventId ? () => this.wentOutAfter(trialId, lastEventId.trim()) : undefined);
  }

  /**
   * The trial's alerts that went out after the given one, in the outbox's order, which is the live
   * stream's: by the relay's mark (published_at), then outbox position. Not by raised_at: an alert
   * committed after a later-raised one went out after it. Sent again too, as they may be after it
   * on the wire: the alerts of the given one's mark (a relay that stopped between a send and its
   * mark sends the rows again, with others before them) and those sent but not marked yet; a few
   * come twice, none is lost (clients keep alerts by id; the live feed sends an alert replayed here
   * once). An alert an older build raised, with no link to its event, is placed by raised_at; so is
   * everything when the given alert's event is no longer in the outbox (older than its retention).
   * None if the id is not one of the trial's alerts.
   */
  private async wentOutAfter(trialId: string, alertId: string): Promise<SafetyAlertRaisedPayload[]> {
    if (!isUUID(alertId)) return [];
    const [last]: { placed: boolean }[] = await this.dataSource.query(
      `SELECT o.event_id IS NOT NULL AS placed FROM safety_alert a LEFT JOIN outbox_message o ON o.event_id = a.raised_event_id
        WHERE a.trial_id = $1 AND a.alert_id = $2`,
      [trialId, alertId],
    );
    if (!last) return [];
    const raisedAfterLast = '(a.raised_at, a.alert_id) > (SELECT l.raised_at, l.alert_id FROM safety_alert l WHERE l.trial_id = :trialId AND l.alert_id = :alertId)';
    const alerts = this.dataSource.getRepository(SafetyAlert).createQueryBuilder('a').where('a.trial_id = :trialId', { trialId }).setParameter('alertId', alertId).limit(MAX_MISSED_ALERTS);
    if (!last.placed) return (await alerts.andWhere(raisedAfterLast).orderBy('a.raised_at', 'ASC').addOrderBy('a.alert_id', 'ASC').getMany()).map(alertPayloadOf);
    // Marks compared in SQL (a JavaScript Date would cut their microseconds); not marked yet counts as latest.
    const wentOut = "coalesce(o.published_at, 'infinity')";
    const lastWentOut = `(SELECT coalesce(lo.published_at, 'infinity') FROM safety_alert l JOIN outbox_message lo ON lo.event_id = l.raised_event_id WHERE l.trial_id = :trialId AND l.alert_id = :alertId)`;
    const found = await alerts
      .leftJoin('outbox_message', 'o', 'o.event_id = a.raised_event_id')
      .andWhere('a.alert_id <> :alertId')
      .andWhere(`((o.event_id IS NOT NULL AND ${wentOut} >= ${lastWentOut}) OR (a.raised_event_id IS NULL AND ${raisedAfterLast}))`)
      .orderBy(wentOut, 'ASC')
      .addOrderBy('o.position', 'ASC', 'NULLS LAST')
      .addOrderBy('a.raised_at', 'ASC')
      .addOrderBy('a.alert_id', 'ASC')
      .getMany();
    return found.map(alertPayloadOf);
  }
}
