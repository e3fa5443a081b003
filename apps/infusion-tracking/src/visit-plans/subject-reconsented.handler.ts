import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { SubjectReconsented, type EventOf } from '@trialstream/contracts';
import { EventContext, HandlesEvent } from '@trialstream/platform';
import { VisitPlans } from './visit-plans.service';

/** A subject who re-consented after an amendment follows the new version from then on. */
@Controller()
export class SubjectReconsentedHandler {
  constructor(private readonly plans: VisitPlans) {}

  @HandlesEvent(SubjectReconsented)
  async replan(@Payload() event: EventOf<typeof SubjectReconsented>, @Ctx() context: EventContext): Promise<void> {
    const { subjectId, protocolVersion, consentDate } = event.payload;
    await this.plans.replan(context.transaction, event.trialId, subjectId, protocolVersion, consentDate);
  }
}
