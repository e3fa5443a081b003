import { Module } from '@nestjs/common';
import { ServiceRuntimeModule } from '@trialstream/platform';
import { CreateRegistry1764000000100 } from './persistence/migrations/1764000000100-create-registry';
import { CreateEnrollmentClosure1764000000110 } from './persistence/migrations/1764000000110-create-enrollment-closure';
import { CreateTrialDosingHold1764000000120 } from './persistence/migrations/1764000000120-create-trial-dosing-hold';
import { TrialsModule } from './trials/trials.module';

/** Registry: the source of truth for what a trial is, which protocol it runs on, and its status. */
@Module({
  imports: [
    ServiceRuntimeModule.forRoot({
      service: 'registry',
      defaultHttpPort: 3001,
      migrations: [CreateRegistry1764000000100, CreateEnrollmentClosure1764000000110, CreateTrialDosingHold1764000000120],
    }),
    TrialsModule,
  ],
})
export class RegistryModule {}
