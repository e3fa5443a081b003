import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ScreeningSubmitted, type EventOf } from '@trialstream/contracts';
import { EventContext, HandlesEventBatch } from '@trialstream/platform';
import { SubjectScreening } from './subject-screening.service';

/** Screening data sponsor or site systems published on the ingress topic, a fetched batch at a time. */
@Controller()
export class ScreeningSubmittedHandler {
  constructor(private readonly screening: SubjectScreening) {}

  @HandlesEventBatch(ScreeningSubmitted)
  async screen(@Payload() events: EventOf<typeof ScreeningSubmitted>[], @Ctx() context: EventContext): Promise<void> {
    await this.screening.screenAll(context.transaction, events.map((event) => ({ trialId: event.trialId, screening: event.payload, causedBy: event })));
  }
}
