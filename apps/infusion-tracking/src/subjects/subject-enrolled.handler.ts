import { Controller, Logger } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { PrerequisiteMissingError, SubjectEnrolled, type EventOf } from '@trialstream/contracts';
import { EventContext, HandlesEvent } from '@trialstream/platform';
import { planEnrollment } from '../domain/enrollment-planning';
import { SubjectWithdrawal } from '../persistence/subject-withdrawal.entity';
import { TrialTreatmentPlan } from '../persistence/trial-treatment-plan.entity';
import { VisitPlans } from '../visit-plans/visit-plans.service';

/** Plans an enrolled subject's infusions and follow-up visits from the treatment plan in force, and watches each infusion's window. */
@Controller()
export class SubjectEnrolledHandler {
  private readonly logger = new Logger(SubjectEnrolledHandler.name);

  constructor(private readonly plans: VisitPlans) {}

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
    await this.plans.planEnrolled(tx, { trialId: event.trialId, subjectId, siteId, bodyWeightKg, firstInfusionDate: plannedFirstInfusionDate }, planning.plan);
  }
}
