import { Module } from '@nestjs/common';
import { ServiceRuntimeModule } from '@trialstream/platform';
import { TRIAL_MIRROR_MIGRATIONS, TrialMirrorModule } from '@trialstream/trial-mirror';
import { CreateTrialSafetyPolicy1764000000400 } from './persistence/migrations/1764000000400-create-trial-safety-policy';
import { SafetyPolicyModule } from './trials/safety-policy.module';

/** Safety, so far: each trial's stopping rules and expedited-reporting clocks, kept from its protocol. Adverse events, grading and reports are not built yet. */
@Module({
  imports: [
    ServiceRuntimeModule.forRoot({ service: 'safety', defaultHttpPort: 3004, migrations: [...TRIAL_MIRROR_MIGRATIONS, CreateTrialSafetyPolicy1764000000400] }),
    TrialMirrorModule,
    SafetyPolicyModule,
  ],
})
export class SafetyModule {}
