import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { InfusionMissed, type EventOf } from '@trialstream/contracts';
import { EventContext, HandlesEvent } from '@trialstream/platform';
import { SubjectWithdrawal } from '../persistence/subject-withdrawal.entity';
import { treatmentEndAfterMissed } from './domain/treatment-end';
import { givenInfusions, lockInfusionVisits } from './persistence/subject-record';
import { TreatmentCompletion } from './treatment-completion';

/** The InfusionMissed its own timers publish: a missed last infusion ends the subject's treatment. */
@Controller()
export class LastInfusionMissedHandler {
  constructor(private readonly treatment: TreatmentCompletion) {}

  @HandlesEvent(InfusionMissed)
  async endTreatment(@Payload() event: EventOf<typeof InfusionMissed>, @Ctx() context: EventContext): Promise<void> {
    const tx = context.transaction;
    const { trialId } = event;
    const { subjectId } = event.payload;
    // Locked as a report of an infusion locks them: a late one recorded at the same time waits.
    const visits = await lockInfusionVisits(tx, trialId, subjectId);
    const withdrawn = await tx.getRepository(SubjectWithdrawal).existsBy({ trialId, subjectId });
    const end = treatmentEndAfterMissed(event.payload, visits, await givenInfusions(tx, trialId, subjectId), withdrawn);
    if (!end) return;
    // The version of the missed visit as it stands (a re-plan moves the visits not yet done to the new one).
    const { protocolVersion } = visits.find((v) => v.number === event.payload.infusionNumber)!;
    await this.treatment.complete(tx, { trialId, subjectId, protocolVersion }, end, 'LAST_WINDOW_MISSED');
  }
}
