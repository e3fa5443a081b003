import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { PrerequisiteMissingError, SubjectEnrolled, type EventOf } from '@trialstream/contracts';
import { EventContext, HandlesEvent } from '@trialstream/platform';
import { scheduleVisits } from '../domain/subject-schedule';
import { SubjectVisit } from '../persistence/subject-visit.entity';
import { TrialTreatmentPlan } from '../persistence/trial-treatment-plan.entity';

/** Plans an enrolled subject's infusions and follow-up visits from the treatment plan in force. */
@Controller()
export class SubjectEnrolledHandler {
  @HandlesEvent(SubjectEnrolled)
  async planVisits(@Payload() event: EventOf<typeof SubjectEnrolled>, @Ctx() context: EventContext): Promise<void> {
    const tx = context.transaction;
    const { subjectId, protocolVersion, plannedFirstInfusionDate, bodyWeightKg } = event.payload;
    const plan = await tx.getRepository(TrialTreatmentPlan).findOneBy({ trialId: event.trialId });
    // The protocol arrives on another topic: until its version is here, the enrollment waits parked.
    if (!plan || plan.protocolVersion < protocolVersion) {
      throw new PrerequisiteMissingError('protocolVersion', 'treatmentPlanArrived', `treatment plan version ${protocolVersion} of trial ${event.trialId} has not arrived yet`);
    }
    const visits = scheduleVisits(plan, plannedFirstInfusionDate, bodyWeightKg).map((visit) => ({
      trialId: event.trialId,
      subjectId,
      kind: visit.kind,
      number: visit.number,
      protocolVersion: plan.protocolVersion,
      plannedDate: visit.plannedDate,
      windowOpens: visit.windowOpens,
      windowCloses: visit.windowCloses,
      doseCells: visit.dose ? String(visit.dose.cells) : null,
      doseMinCells: visit.dose ? String(visit.dose.minCells) : null,
      doseMaxCells: visit.dose ? String(visit.dose.maxCells) : null,
      status: 'PLANNED' as const,
    }));
    await tx.getRepository(SubjectVisit).insert(visits);
  }
}
