import { Module } from '@nestjs/common';
import { ServiceRuntimeModule } from '@trialstream/platform';
import { TRIAL_MIRROR_MIGRATIONS, TrialMirrorModule } from '@trialstream/trial-mirror';
import { CreateTrialTreatmentPlan1764000000300 } from './persistence/migrations/1764000000300-create-trial-treatment-plan';
import { CreateSubjectVisit1764000000310 } from './persistence/migrations/1764000000310-create-subject-visit';
import { InfusionsModule } from './infusions/infusions.module';
import { ADMINISTRATION_MIGRATIONS } from './infusions/persistence/migrations';
import { CreateSubjectWithdrawal1764000000320 } from './persistence/migrations/1764000000320-create-subject-withdrawal';
import { SubjectsModule } from './subjects/subjects.module';
import { TrialsModule } from './trials/trials.module';

/** Infusion tracking: infusion schedules, doses given, assessments and follow-up visits. */
@Module({
  imports: [
    ServiceRuntimeModule.forRoot({
      service: 'infusion-tracking',
      defaultHttpPort: 3003,
      migrations: [...TRIAL_MIRROR_MIGRATIONS, CreateTrialTreatmentPlan1764000000300, CreateSubjectVisit1764000000310, CreateSubjectWithdrawal1764000000320, ...ADMINISTRATION_MIGRATIONS],
    }),
    TrialMirrorModule,
    TrialsModule,
    SubjectsModule,
    InfusionsModule,
  ],
})
export class InfusionTrackingModule {}
