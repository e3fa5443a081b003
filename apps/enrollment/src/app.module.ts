import { Module } from '@nestjs/common';
import { serviceModule } from '@trialstream/platform';
import { CreateTrialEnrollmentPolicy1764000000200 } from './persistence/migrations/1764000000200-create-trial-enrollment-policy';
import { CreateSubject1764000000210 } from './persistence/migrations/1764000000210-create-subject';
import { SubjectRecord } from './persistence/subject.entity';
import { TrialEnrollmentPolicy } from './persistence/trial-enrollment-policy.entity';
import { ScreeningSubmittedHandler } from './subjects/screening-submitted.handler';
import { SubjectEnrollment } from './subjects/subject-enrollment.service';
import { SubjectsController } from './subjects/subjects.controller';
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
        entities: [TrialEnrollmentPolicy, SubjectRecord],
        migrations: [CreateTrialEnrollmentPolicy1764000000200, CreateSubject1764000000210],
        handlers: [ProtocolVersionPublishedHandler, ScreeningSubmittedHandler],
        mirrorsTrials: true,
        controllers: [TrialsController, SubjectsController],
        providers: [SubjectEnrollment],
      },
      overrides,
    );
  }
}
