import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { InfusionAdministrationSubmitted, PrerequisiteMissingError, type EventOf } from '@trialstream/contracts';
import { EventContext, HandlesEvent } from '@trialstream/platform';
import { InfusionAdministrations } from './infusion-administrations.service';

/** Infusions sites report from their own systems on the ingress topic. */
@Controller()
export class InfusionAdministrationSubmittedHandler {
  constructor(private readonly administrations: InfusionAdministrations) {}

  @HandlesEvent(InfusionAdministrationSubmitted)
  async record(@Payload() event: EventOf<typeof InfusionAdministrationSubmitted>, @Ctx() context: EventContext): Promise<void> {
    const { subjectId } = event.payload;
    // Parked until the subject's SubjectEnrolled has planned the infusions: it comes on the
    // enrollment topic, and parking holds a key back on its own topic only (the ingress topic here).
    await this.administrations.record(context.transaction, event.trialId, event.payload, () =>
      new PrerequisiteMissingError('subjectId', 'subjectEnrolled', `subject ${subjectId} of trial ${event.trialId} has no planned infusions here yet`),
    );
  }
}
