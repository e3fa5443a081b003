import { Module } from '@nestjs/common';
import { ServiceRuntimeModule } from '@trialstream/platform';
import { TRIAL_MIRROR_MIGRATIONS, TrialMirrorModule } from '@trialstream/trial-mirror';
import { CreateTrialEnrollmentPolicy1764000000200 } from './persistence/migrations/1764000000200-create-trial-enrollment-policy';
import { CreateSubject1764000000210 } from './persistence/migrations/1764000000210-create-subject';
import { SubjectsModule } from './subjects/subjects.module';
import { EnrollmentPolicyModule } from './trials/enrollment-policy.module';

/** Enrollment: screening, eligibility, consent and the enrollment cap. */
@Module({
  imports: [
    ServiceRuntimeModule.forRoot({
      service: 'enrollment',
      defaultHttpPort: 3002,
      migrations: [...TRIAL_MIRROR_MIGRATIONS, CreateTrialEnrollmentPolicy1764000000200, CreateSubject1764000000210],
    }),
    TrialMirrorModule,
    EnrollmentPolicyModule,
    SubjectsModule,
  ],
})
export class EnrollmentModule {}
