import { Module } from '@nestjs/common';
import { serviceModule } from '@trialstream/platform';
import { CreateTrialSafetyPolicy1764000000400 } from './persistence/migrations/1764000000400-create-trial-safety-policy';
import { TrialSafetyPolicy } from './persistence/trial-safety-policy.entity';
import { ProtocolVersionPublishedHandler } from './trials/protocol-version-published.handler';
import { TrialsController } from './trials/trials.controller';

/** Adverse-event safety: grading, stopping rules and expedited-reporting clocks. */
@Module({})
export class SafetyModule {
  static register(overrides?: Record<string, string>) {
    return serviceModule(
      SafetyModule,
      {
        service: 'safety',
        defaultHttpPort: 3004,
        entities: [TrialSafetyPolicy],
        migrations: [CreateTrialSafetyPolicy1764000000400],
        handlers: [ProtocolVersionPublishedHandler],
        mirrorsTrials: true,
        controllers: [TrialsController],
      },
      overrides,
    );
  }
}
