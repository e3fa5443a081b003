import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { DosingHoldLifted, DosingHoldPlaced, ReconsentRequired, SubjectReconsented, type EventOf } from '@trialstream/contracts';
import { EventContext, HandlesEvent } from '@trialstream/platform';
import { DosingHoldRecord } from './persistence/dosing-hold.entity';
import { SubjectReconsent } from './persistence/subject-reconsent.entity';

/**
 * Keeps what safety and enrollment say about a subject's standing (dosing holds, re-consents owed
 * and given), for judging infusions. Each event fills its own columns, whichever of a pair arrives first.
 */
@Controller()
export class StandingHandlers {
  @HandlesEvent(DosingHoldPlaced)
  async holdPlaced(@Payload() event: EventOf<typeof DosingHoldPlaced>, @Ctx() context: EventContext): Promise<void> {
    const { holdId, scope, subjectId, reason, placedAt, placedBy } = event.payload;
    await context.transaction.getRepository(DosingHoldRecord).upsert(
      { holdId, trialId: event.trialId, scope, subjectId: subjectId ?? null, reason, placedAt: new Date(placedAt), placedBy },
      ['holdId'],
    );
  }

  @HandlesEvent(DosingHoldLifted)
  async holdLifted(@Payload() event: EventOf<typeof DosingHoldLifted>, @Ctx() context: EventContext): Promise<void> {
    const { holdId, scope, subjectId, reason, liftedAt, liftedBy } = event.payload;
    await context.transaction.getRepository(DosingHoldRecord).upsert(
      { holdId, trialId: event.trialId, scope, subjectId: subjectId ?? null, liftReason: reason, liftedAt: new Date(liftedAt), liftedBy },
      ['holdId'],
    );
  }

  /** Owed from the moment enrollment asked for it. */
  @HandlesEvent(ReconsentRequired)
  async reconsentRequired(@Payload() event: EventOf<typeof ReconsentRequired>, @Ctx() context: EventContext): Promise<void> {
    const { subjectId, protocolVersion, requiredConsentVersion } = event.payload;
    await context.transaction.getRepository(SubjectReconsent).upsert(
      { trialId: event.trialId, subjectId, protocolVersion, requiredConsentVersion, requiredAt: new Date(event.occurredAt) },
      ['trialId', 'subjectId', 'protocolVersion'],
    );
  }

  @HandlesEvent(SubjectReconsented)
  async reconsented(@Payload() event: EventOf<typeof SubjectReconsented>, @Ctx() context: EventContext): Promise<void> {
    const { subjectId, protocolVersion, consentVersion, consentDate } = event.payload;
    await context.transaction.getRepository(SubjectReconsent).upsert(
      { trialId: event.trialId, subjectId, protocolVersion, consentVersion, consentDate },
      ['trialId', 'subjectId', 'protocolVersion'],
    );
  }
}
