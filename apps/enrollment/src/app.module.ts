import { Module } from '@nestjs/common';
import { ServiceRuntimeModule } from '@trialstream/platform';
import { TRIAL_MIRROR_MIGRATIONS, TrialMirrorModule } from '@trialstream/trial-mirror';
import { CreateTrialEnrollmentPolicy1764000000200 } from './persistence/migrations/1764000000200-create-trial-enrollment-policy';
import { CreateSubject1764000000210 } from './persistence/migrations/1764000000210-create-subject';
import { AddTrialSites1764000000220 } from './persistence/migrations/1764000000220-add-trial-sites';
import { AddReconsent1764000000230 } from './persistence/migrations/1764000000230-add-reconsent';
import { SubjectsModule } from './subjects/subjects.module';
import { TrialsModule } from './trials/trials.module';

/** Enrollment: screening, eligibility, consent (and re-consent after amendments) and the enrollment cap. */
@Module({
  imports: [
    ServiceRuntimeModule.forRoot({
      service: 'enrollment',
      defaultHttpPort: 3002,
      migrations: [
        ...TRIAL_MIRROR_MIGRATIONS,
        CreateTrialEnrollmentPolicy1764000000200,
        CreateSubject1764000000210,
        AddTrialSites1764000000220,
        AddReconsent1764000000230,
      ],
    }),
    TrialMirrorModule,
    TrialsModule,
    SubjectsModule,
  ],
})
export class EnrollmentModule {}
