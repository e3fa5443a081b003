import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { InfusionAdministrationSubmitted, RuleViolationError, type EventOf } from '@trialstream/contracts';
import { EventContext, HandlesEvent } from '@trialstream/platform';
import { InfusionAdministrations } from './infusion-administrations.service';

/** Infusions sites report from their own systems on the ingress topic. */
@Controller()
export class InfusionAdministrationSubmittedHandler {
  constructor(private readonly administrations: InfusionAdministrations) {}

  @HandlesEvent(InfusionAdministrationSubmitted)
  async record(@Payload() event: EventOf<typeof InfusionAdministrationSubmitted>, @Ctx() context: EventContext): Promise<void> {
    const { subjectId } = event.payload;
    // Not parked: a parked report would hold back the later events of its key, the subject's own
    // SubjectEnrolled among them, until it timed out. Rejected instead, it is replayed once the
    // enrollment is here (POST /operations/dead-letters/replay?kind=REJECTED).
    await this.administrations.record(context.transaction, event.trialId, event.payload, () =>
      RuleViolationError.of('subjectId', 'subjectEnrolled', `subject ${subjectId} of trial ${event.trialId} has no planned infusions here`, 'conflict'),
    );
  }
}
