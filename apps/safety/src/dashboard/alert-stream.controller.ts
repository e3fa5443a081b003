import { Controller, Param, Sse, type MessageEvent } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Allow } from '@trialstream/platform';
import type { Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { ALERT_READERS } from '../alerts/requests';
import { safetyPolicyOr404 } from '../trials/safety-policy-or-404';
import { AlertFeed } from './alert-feed';

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
  @ApiOkResponse({
    description:
      'Server-sent events: each SafetyAlertRaised of the trial, from the alerts topic, as an `alert` event (its payload as data, its alertId as id) from the moment of connecting; a comment every 15 s keeps it open. Alerts raised earlier: GET /trials/{trialId}/alerts.',
  })
  async stream(@Param('trialId') trialId: string): Promise<Observable<MessageEvent>> {
    await safetyPolicyOr404(this.dataSource.manager, trialId);
    return this.feed.streamOf(trialId);
  }
}
