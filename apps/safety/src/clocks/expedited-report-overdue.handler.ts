import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ExpeditedReportOverdue, type EventOf } from '@trialstream/contracts';
import { EventContext, HandlesEvent } from '@trialstream/platform';
import { ReportClocks } from './report-clocks.service';

/** The durable timer's event, published by this service and taken back: the clock is marked and the monitors alerted. */
@Controller()
export class ExpeditedReportOverdueHandler {
  constructor(private readonly clocks: ReportClocks) {}

  @HandlesEvent(ExpeditedReportOverdue)
  async alertOverdue(@Payload() event: EventOf<typeof ExpeditedReportOverdue>, @Ctx() context: EventContext): Promise<void> {
    await this.clocks.markOverdue(context.transaction, event.trialId, event.payload);
  }
}
