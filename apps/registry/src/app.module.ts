import { Module } from '@nestjs/common';
import { serviceModule } from '@trialstream/platform';
import { CreateTrial1764000000100 } from './persistence/migrations/1764000000100-create-trial';
import { TrialRecord } from './persistence/trial.entity';
import { ReferenceTrialsLoader } from './trials/reference-trials.loader';
import { TrialRegistrationService } from './trials/trial-registration.service';
import { TrialsController } from './trials/trials.controller';

/** Registry: the source of truth for what a trial is and which protocol it runs on. */
@Module({})
export class RegistryModule {
  static register(overrides?: Record<string, string>) {
    return serviceModule(
      RegistryModule,
      {
        service: 'registry',
        defaultHttpPort: 3001,
        entities: [TrialRecord],
        migrations: [CreateTrial1764000000100],
        controllers: [TrialsController],
        providers: [TrialRegistrationService, ReferenceTrialsLoader],
      },
      overrides,
    );
  }
}
