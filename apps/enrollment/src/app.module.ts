import { Module } from '@nestjs/common';
import { ServiceRuntimeModule } from '@trialstream/platform';
import { TrialMirrorModule } from '@trialstream/trial-mirror';
import { SubjectsModule } from './subjects/subjects.module';
import { EnrollmentPolicyModule } from './trials/enrollment-policy.module';
import { ENROLLMENT_MIGRATIONS } from './persistence/migrations';
import { SubjectRecord } from './persistence/subject.entity';

/** Enrollment: screening, eligibility, consent and the enrollment cap. */
@Module({
  imports: [
    ServiceRuntimeModule.forRoot({ service: 'enrollment', defaultHttpPort: 3002, migrations: ENROLLMENT_MIGRATIONS, subjectSiteEntity: SubjectRecord }),
    TrialMirrorModule,
    EnrollmentPolicyModule,
    SubjectsModule,
  ],
})
export class EnrollmentModule {}
