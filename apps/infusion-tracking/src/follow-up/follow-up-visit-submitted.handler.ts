import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { FollowUpVisitSubmitted, type EventOf } from '@trialstream/contracts';
import { EventContext, HandlesEvent } from '@trialstream/platform';
import { FollowUpVisits } from './follow-up-visits.service';

/** Follow-up visits site systems published on the ingress topic. */
@Controller()
export class FollowUpVisitSubmittedHandler {
  constructor(private readonly visits: FollowUpVisits) {}

  @HandlesEvent(FollowUpVisitSubmitted)
  async record(@Payload() event: EventOf<typeof FollowUpVisitSubmitted>, @Ctx() context: EventContext): Promise<void> {
    const { subjectId, ...report } = event.payload;
    await this.visits.record(context.transaction, event.trialId, subjectId, report);
  }
}
