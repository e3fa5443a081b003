import { Module } from '@nestjs/common';
import { ServiceRuntimeModule } from '@trialstream/platform';
import { TrialMirrorModule } from '@trialstream/trial-mirror';
import { SubjectsModule } from './subjects/subjects.module';
import { TreatmentPlanModule } from './trials/treatment-plan.module';
import { INFUSION_TRACKING_MIGRATIONS } from './persistence/migrations';

/** Infusion tracking, so far: each trial's treatment plan and each enrolled subject's planned infusions and follow-up visits. Infusions given and assessments are not recorded yet. */
@Module({
  imports: [
    ServiceRuntimeModule.forRoot({ service: 'infusion-tracking', defaultHttpPort: 3003, migrations: INFUSION_TRACKING_MIGRATIONS }),
    TrialMirrorModule,
    TreatmentPlanModule,
    SubjectsModule,
  ],
})
export class InfusionTrackingModule {}
