import { Module } from '@nestjs/common';
import { ServiceRuntimeModule } from '@trialstream/platform';
import { TrialMirrorModule } from '@trialstream/trial-mirror';
import { SafetyPolicyModule } from './trials/safety-policy.module';
import { SAFETY_MIGRATIONS } from './persistence/migrations';

/** Safety, so far: each trial's stopping rules and expedited-reporting clocks, kept from its protocol. Adverse events, grading and reports are not built yet. */
@Module({
  imports: [
    ServiceRuntimeModule.forRoot({ service: 'safety', defaultHttpPort: 3004, migrations: SAFETY_MIGRATIONS }),
    TrialMirrorModule,
    SafetyPolicyModule,
  ],
})
export class SafetyModule {}
