import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { AdverseEventReported, InfusionReactionReported, type EventOf } from '@trialstream/contracts';
import { EventContext, HandlesEvent } from '@trialstream/platform';
import { reportFromInfusionReaction } from '../domain/infusion-reactions';
import { CaseIntake } from './case-intake.service';

/** Adverse-event reports from sponsor and site systems (ingress topic), and the reactions infusion tracking forwards. */
@Controller()
export class AdverseEventReportsHandler {
  constructor(private readonly intake: CaseIntake) {}

  @HandlesEvent(AdverseEventReported)
  async takeReport(@Payload() event: EventOf<typeof AdverseEventReported>, @Ctx() context: EventContext): Promise<void> {
    await this.intake.record(context.transaction, event.trialId, event.payload, 'SPONSOR_INGRESS');
  }

  @HandlesEvent(InfusionReactionReported)
  async takeReaction(@Payload() event: EventOf<typeof InfusionReactionReported>, @Ctx() context: EventContext): Promise<void> {
    await this.intake.record(context.transaction, event.trialId, reportFromInfusionReaction(event.payload, event.eventId), 'INFUSION_TRACKING');
  }
}
