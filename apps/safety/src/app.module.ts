import { Module } from '@nestjs/common';
import { ServiceRuntimeModule } from '@trialstream/platform';
import { TRIAL_MIRROR_MIGRATIONS, TrialMirrorModule } from '@trialstream/trial-mirror';
import { AdverseEventsModule } from './adverse-events.module';
import { CreateTrialSafetyPolicy1764000000400 } from './persistence/migrations/1764000000400-create-trial-safety-policy';
import { AddSafetyPolicySites1764000000410 } from './persistence/migrations/1764000000410-add-safety-policy-sites';
import { CreateAdverseEventCases1764000000420 } from './persistence/migrations/1764000000420-create-adverse-event-cases';
import { SubjectsModule } from './subjects/subjects.module';
import { TrialsModule } from './trials/trials.module';

/** Adverse-event safety: case intake and versions, classification, expedited-report clocks, stopping rules, dosing holds and alerts. */
@Module({
  imports: [
    ServiceRuntimeModule.forRoot({
      service: 'safety',
      defaultHttpPort: 3004,
      migrations: [...TRIAL_MIRROR_MIGRATIONS, CreateTrialSafetyPolicy1764000000400, AddSafetyPolicySites1764000000410, CreateAdverseEventCases1764000000420],
    }),
    TrialMirrorModule,
    TrialsModule,
    SubjectsModule,
    AdverseEventsModule,
  ],
})
export class SafetyModule {}
