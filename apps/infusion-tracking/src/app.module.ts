import { Module } from '@nestjs/common';
import { ServiceRuntimeModule } from '@trialstream/platform';
import { TRIAL_MIRROR_MIGRATIONS, TrialMirrorModule } from '@trialstream/trial-mirror';
import { CreateTrialTreatmentPlan1764000000300 } from './persistence/migrations/1764000000300-create-trial-treatment-plan';
import { CreateSubjectVisit1764000000310 } from './persistence/migrations/1764000000310-create-subject-visit';
import { CreateSubjectWithdrawal1764000000320 } from './persistence/migrations/1764000000320-create-subject-withdrawal';
import { AddTreatmentPlanSites1764000000350 } from './persistence/migrations/1764000000350-add-treatment-plan-sites';
import { AssessmentsModule } from './assessments/assessments.module';
import { CreateAssessments1764000000356 } from './assessments/persistence/1764000000356-create-assessments';
import { FollowUpModule } from './follow-up/follow-up.module';
import { CreateFollowUpVisit1764000000354 } from './follow-up/persistence/1764000000354-create-follow-up-visit';
import { SubjectsModule } from './subjects/subjects.module';
import { TrialsModule } from './trials/trials.module';
import { CreateSubjectVisitPlan1764000000352 } from './visit-plans/persistence/1764000000352-create-subject-visit-plan';

/** Infusion tracking: infusion schedules, doses given, assessments and follow-up visits. */
@Module({
  imports: [
    ServiceRuntimeModule.forRoot({
      service: 'infusion-tracking',
      defaultHttpPort: 3003,
      migrations: [
        ...TRIAL_MIRROR_MIGRATIONS,
        CreateTrialTreatmentPlan1764000000300,
        CreateSubjectVisit1764000000310,
        CreateSubjectWithdrawal1764000000320,
        AddTreatmentPlanSites1764000000350,
        CreateSubjectVisitPlan1764000000352,
        CreateFollowUpVisit1764000000354,
        CreateAssessments1764000000356,
      ],
    }),
    TrialMirrorModule,
    TrialsModule,
    SubjectsModule,
    FollowUpModule,
    AssessmentsModule,
  ],
})
export class InfusionTrackingModule {}
