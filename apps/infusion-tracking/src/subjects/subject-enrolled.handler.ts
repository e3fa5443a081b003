import { Controller, Logger } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { PrerequisiteMissingError, SubjectEnrolled, type EventOf } from '@trialstream/contracts';
import { EventContext, HandlesEvent } from '@trialstream/platform';
import { planEnrollment } from '../domain/enrollment-planning';
import { MissedInfusionTimers } from '../infusions/missed-infusion-timers';
import { scheduleVisits } from '../domain/subject-schedule';
import { SubjectVisit } from '../persistence/subject-visit.entity';
import { SubjectWithdrawal } from '../persistence/subject-withdrawal.entity';
import { TrialTreatmentPlan } from '../persistence/trial-treatment-plan.entity';

/** Plans an enrolled subject's infusions and follow-up visits from the treatment plan in force, and watches each infusion's window. */
@Controller()
export class SubjectEnrolledHandler {
  private readonly logger = new Logger(SubjectEnrolledHandler.name);

  constructor(private readonly missed: MissedInfusionTimers) {}

  @HandlesEvent(SubjectEnrolled)
  async planVisits(@Payload() event: EventOf<typeof SubjectEnrolled>, @Ctx() context: EventContext): Promise<void> {
    const tx = context.transaction;
    const { subjectId, siteId, protocolVersion, plannedFirstInfusionDate, bodyWeightKg } = event.payload;
    const withdrawn = await tx.getRepository(SubjectWithdrawal).existsBy({ trialId: event.trialId, subjectId });
    const plan = await tx.getRepository(TrialTreatmentPlan).findOneBy({ trialId: event.trialId });
    const planning = planEnrollment(protocolVersion, withdrawn, plan);
    if (planning.kind === 'SUBJECT_WITHDRAWN') {
      this.logger.warn({ message: 'enrollment of a subject already withdrawn; no visits planned', trialId: event.trialId, subjectId });
      return;
    }
    // The protocol arrives on another topic: until its version is here, the enrollment waits parked.
    if (planning.kind === 'AWAIT_TREATMENT_PLAN') {
      throw new PrerequisiteMissingError('protocolVersion', 'treatmentPlanArrived', `treatment plan version ${protocolVersion} of trial ${event.trialId} has not arrived yet`);
    }
    const planned = scheduleVisits(planning.plan, plannedFirstInfusionDate, bodyWeightKg);
    const visits = planned.map((visit) => ({
      trialId: event.trialId,
      subjectId,
      kind: visit.kind,
      number: visit.number,
      protocolVersion: planning.plan.protocolVersion,
      siteId,
      plannedDate: visit.plannedDate,
      windowOpens: visit.windowOpens,
      windowCloses: visit.windowCloses,
      doseCells: visit.dose ? String(visit.dose.cells) : null,
      doseMinCells: visit.dose ? String(visit.dose.minCells) : null,
      doseMaxCells: visit.dose ? String(visit.dose.maxCells) : null,
      status: 'PLANNED' as const,
    }));
    await tx.getRepository(SubjectVisit).insert(visits);
    const subject = { trialId: event.trialId, subjectId, siteId, protocolVersion: planning.plan.protocolVersion };
    await this.missed.watch(tx, subject, planned.filter((visit) => visit.kind === 'INFUSION'));
  }
}
