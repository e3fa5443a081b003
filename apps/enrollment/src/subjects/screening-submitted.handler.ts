import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ScreeningSubmitted, type EventOf } from '@trialstream/contracts';
import { EventContext, HandlesEvent } from '@trialstream/platform';
import { SubjectEnrollment } from './subject-enrollment.service';

/** Screening data a sponsor or site system published on the ingress topic. */
@Controller()
export class ScreeningSubmittedHandler {
  constructor(private readonly enrollment: SubjectEnrollment) {}

  @HandlesEvent(ScreeningSubmitted)
  async screen(@Payload() event: EventOf<typeof ScreeningSubmitted>, @Ctx() context: EventContext): Promise<void> {
    await this.enrollment.screenIn(context.transaction, event.trialId, event.payload);
  }
}
