import { Module } from '@nestjs/common';
import { serviceModule } from '@trialstream/platform';
import { CreateTrialEnrollmentPolicy1764000000200 } from './persistence/migrations/1764000000200-create-trial-enrollment-policy';
import { TrialEnrollmentPolicy } from './persistence/trial-enrollment-policy.entity';
import { ProtocolVersionPublishedHandler } from './trials/protocol-version-published.handler';
import { TrialsController } from './trials/trials.controller';

/** Enrollment: screening, eligibility, consent and the enrollment cap. */
@Module({})
export class EnrollmentModule {
  static register(overrides?: Record<string, string>) {
    return serviceModule(
      EnrollmentModule,
      {
        service: 'enrollment',
        defaultHttpPort: 3002,
        entities: [TrialEnrollmentPolicy],
        migrations: [CreateTrialEnrollmentPolicy1764000000200],
        handlers: [ProtocolVersionPublishedHandler],
        mirrorsTrials: true,
        controllers: [TrialsController],
      },
      overrides,
    );
  }
}
