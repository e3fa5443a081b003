import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { AssessmentSubmitted, PrerequisiteMissingError, SubjectEnrolled, TreatmentCompleted, type EventOf } from '@trialstream/contracts';
import { EventContext, HandlesEvent } from '@trialstream/platform';
import { currentVisitPlan } from '../visit-plans/persistence/subject-site';
import { Assessments } from './assessments.service';
import { dueAfterTreatment } from './domain/assessments-due';
import { AssessmentDue, SubjectBaseline } from './persistence/assessment-tables';

/** The events assessments follow: baselines from enrollment, due dates from completed treatments, and assessments from site systems. */
@Controller()
export class AssessmentHandlers {
  constructor(private readonly assessments: Assessments) {}

  /** The first enrollment's baseline stands; one delivered again changes nothing. */
  @HandlesEvent(SubjectEnrolled)
  async keepBaseline(@Payload() event: EventOf<typeof SubjectEnrolled>, @Ctx() context: EventContext): Promise<void> {
    const { subjectId, baselineDate, baselinePasi, baselineDlqi } = event.payload;
    await context.transaction
      .getRepository(SubjectBaseline)
      .createQueryBuilder()
      .insert()
      .values({ trialId: event.trialId, subjectId, baselineDate, baselinePasi, baselineDlqi })
      .orIgnore()
      .execute();
  }

  /** The post-treatment assessments of the subject's plan fall due from the day of the last infusion. */
  @HandlesEvent(TreatmentCompleted)
  async markDue(@Payload() event: EventOf<typeof TreatmentCompleted>, @Ctx() context: EventContext): Promise<void> {
    const tx = context.transaction;
    const { subjectId, lastInfusionDate } = event.payload;
    const plan = await currentVisitPlan(tx, event.trialId, subjectId);
    if (!plan) throw new PrerequisiteMissingError('subjectId', 'visitsPlanned', `subject ${subjectId} of trial ${event.trialId} has no visits planned here yet`);
    const due = dueAfterTreatment(plan.assessments).map(({ visitNumber, instruments }) => ({
      trialId: event.trialId, subjectId, timepoint: 'AFTER_INFUSION' as const, visitNumber, instruments, dueSince: lastInfusionDate,
    }));
    if (due.length > 0) await tx.getRepository(AssessmentDue).createQueryBuilder().insert().values(due).orIgnore().execute();
  }

  @HandlesEvent(AssessmentSubmitted)
  async record(@Payload() event: EventOf<typeof AssessmentSubmitted>, @Ctx() context: EventContext): Promise<void> {
    const { subjectId, ...assessment } = event.payload;
    await this.assessments.record(context.transaction, event.trialId, subjectId, assessment);
  }
}
