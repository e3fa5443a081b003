import { Module } from '@nestjs/common';
import { ServiceRuntimeModule } from '@trialstream/platform';
import { TRIAL_MIRROR_MIGRATIONS, TrialMirrorModule } from '@trialstream/trial-mirror';
import { CreateTrialTreatmentPlan1764000000300 } from './persistence/migrations/1764000000300-create-trial-treatment-plan';
import { CreateSubjectVisit1764000000310 } from './persistence/migrations/1764000000310-create-subject-visit';
import { SubjectsModule } from './subjects/subjects.module';
import { TreatmentPlanModule } from './trials/treatment-plan.module';

/** Infusion tracking, so far: each trial's treatment plan and each enrolled subject's planned infusions and follow-up visits. Infusions given and assessments are not recorded yet. */
@Module({
  imports: [
    ServiceRuntimeModule.forRoot({
      service: 'infusion-tracking',
      defaultHttpPort: 3003,
      migrations: [...TRIAL_MIRROR_MIGRATIONS, CreateTrialTreatmentPlan1764000000300, CreateSubjectVisit1764000000310],
    }),
    TrialMirrorModule,
    TreatmentPlanModule,
    SubjectsModule,
  ],
})
export class InfusionTrackingModule {}
