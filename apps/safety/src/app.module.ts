import { Module } from '@nestjs/common';
import { ServiceRuntimeModule } from '@trialstream/platform';
import { TRIAL_MIRROR_MIGRATIONS, TrialMirrorModule } from '@trialstream/trial-mirror';
import { CreateTrialSafetyPolicy1764000000400 } from './persistence/migrations/1764000000400-create-trial-safety-policy';
import { AddSafetyPolicySites1764000000410 } from './persistence/migrations/1764000000410-add-safety-policy-sites';
import { TrialsModule } from './trials/trials.module';

/** Adverse-event safety: grading, stopping rules and expedited-reporting clocks. */
@Module({
  imports: [
    ServiceRuntimeModule.forRoot({ service: 'safety', defaultHttpPort: 3004, migrations: [...TRIAL_MIRROR_MIGRATIONS, CreateTrialSafetyPolicy1764000000400, AddSafetyPolicySites1764000000410] }),
    TrialMirrorModule,
    TrialsModule,
  ],
})
export class SafetyModule {}
