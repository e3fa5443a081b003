import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ProtocolVersionPublished, type EventOf } from '@trialstream/contracts';
import { EventContext, HandlesEvent } from '@trialstream/platform';
import { saveIfNewerProtocol } from '@trialstream/trial-mirror';
import { treatmentPlanFrom } from '../domain/treatment-plan';
import { keepTreatmentPlanVersion } from '../infusions/persistence/subject-record';
import { TrialTreatmentPlan } from '../persistence/trial-treatment-plan.entity';

/** Keeps this service's part of the newest protocol version of each trial, and each version's dose rule and sites. */
@Controller()
export class ProtocolVersionPublishedHandler {
  @HandlesEvent(ProtocolVersionPublished)
  async followProtocol(@Payload() event: EventOf<typeof ProtocolVersionPublished>, @Ctx() context: EventContext): Promise<void> {
    await saveIfNewerProtocol(context.transaction, TrialTreatmentPlan, treatmentPlanFrom(event.payload));
    await keepTreatmentPlanVersion(context.transaction, event.payload);
  }
}
