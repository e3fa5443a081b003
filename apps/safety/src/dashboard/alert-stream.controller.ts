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
    description: `The id of the last alert received (an EventSource sends it when it reconnects): the trial's alerts published after it are sent first, in the order they were published (the live stream's), at most ${MAX_MISSED_ALERTS}. An id that is not an alert of the trial sends none again.`,
  })
  @ApiOkResponse({
    description:
      'Server-sent events: each SafetyAlertRaised of the trial, from the alerts topic, as an `alert` event (its payload as data, its alertId as id) from the moment of connecting, or from the Last-Event-ID given; a comment every 15 s keeps it open. Alerts raised earlier: GET /trials/{trialId}/alerts.',
  })
  async stream(@Param('trialId') trialId: string, @Headers('last-event-id') lastEventId?: string): Promise<Observable<MessageEvent>> {
    await safetyPolicyOr404(this.dataSource.manager, trialId);
    return this.feed.streamOf(trialId, lastEventId ? () => this.raisedAfter(trialId, lastEventId.trim()) : undefined);
  }

  /**
   * The trial's alerts published after the given one, in the order they went out, which is the
   * order the live stream had them in: by the relay's mark, then outbox position. Not by raised_at:
   * an alert whose transaction committed after a later-raised one's went out after it, and a
   * client holding the later one would never get it again. Where the given alert's publication is
   * no longer known (its outbox row pruned after the retention, or not marked yet), by raised_at.
   * None if the id is not one of the trial's alerts.
   */
  private async raisedAfter(trialId: string, alertId: string): Promise<SafetyAlertRaisedPayload[]> {
    if (!isUUID(alertId)) return [];
    const [last]: { published: boolean }[] = await this.dataSource.query(
      `SELECT o.position IS NOT NULL AS published FROM safety_alert a
         LEFT JOIN outbox_message o ON o.event_id = a.raised_event_id AND o.published_at IS NOT NULL
        WHERE a.trial_id = $1 AND a.alert_id = $2`,
      [trialId, alertId],
    );
    if (!last) return [];
    const alerts = this.dataSource.getRepository(SafetyAlert).createQueryBuilder('a').where('a.trial_id = :trialId', { trialId }).limit(MAX_MISSED_ALERTS);
    if (!last.published) {
      alerts
        .andWhere('(a.raised_at, a.alert_id) > (SELECT l.raised_at, l.alert_id FROM safety_alert l WHERE l.trial_id = :trialId AND l.alert_id = :alertId)', { alertId })
        .orderBy('a.raised_at', 'ASC')
        .addOrderBy('a.alert_id', 'ASC');
    } else {
      alerts
        .innerJoin('outbox_message', 'o', 'o.event_id = a.raised_event_id')
        // Compared in SQL: a JavaScript Date would cut the mark's microseconds.
        .andWhere(
          `(o.published_at, o.position) > (SELECT lo.published_at, lo.position FROM safety_alert l JOIN outbox_message lo ON lo.event_id = l.raised_event_id
             WHERE l.trial_id = :trialId AND l.alert_id = :alertId)`,
          { alertId },
        )
        .orderBy('o.published_at', 'ASC')
        .addOrderBy('o.position', 'ASC');
    }
    return (await alerts.getMany()).map(alertPayloadOf);
  }
}
