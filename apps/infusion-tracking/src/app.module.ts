import { Module } from '@nestjs/common';
import { ServiceRuntimeModule } from '@trialstream/platform';
import { TrialMirrorModule } from '@trialstream/trial-mirror';
import { AssessmentsModule } from './assessments/assessments.module';
import { FollowUpModule } from './follow-up/follow-up.module';
import { InfusionsModule } from './infusions/infusions.module';
import { INFUSION_TRACKING_MIGRATIONS } from './persistence/migrations';
import { SubjectVisitPlan } from './visit-plans/persistence/subject-visit-plan.entity';
import { SubjectsModule } from './subjects/subjects.module';
import { TreatmentPlanModule } from './trials/treatment-plan.module';

/** Infusion tracking: each trial's treatment plan, each enrolled subject's visits, the infusions given with their deviations, assessments and response, and follow-up notices. */
@Module({
  imports: [
    ServiceRuntimeModule.forRoot({
      service: 'infusion-tracking', defaultHttpPort: 3003, migrations: INFUSION_TRACKING_MIGRATIONS, subjectSiteEntity: SubjectVisitPlan,
    }),
    TrialMirrorModule,
    TreatmentPlanModule,
    SubjectsModule,
    InfusionsModule,
    FollowUpModule,
    AssessmentsModule,
  ],
})
export class InfusionTrackingModule {}
