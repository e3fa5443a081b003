import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ServiceRuntimeModule } from '@trialstream/platform';
import { CreateTrial1764000000100 } from './persistence/migrations/1764000000100-create-trial';
import { TrialRecord } from './persistence/trial.entity';
import { ReferenceTrialsLoader } from './trials/reference-trials.loader';
import { TrialRegistrationService } from './trials/trial-registration.service';
import { TrialsController } from './trials/trials.controller';

/** Registry: the source of truth for what a trial is and which protocol it runs on. */
@Module({})
export class RegistryModule {
  static register(overrides?: Record<string, string>): DynamicModule {
    return {
      module: RegistryModule,
      imports: [
        ServiceRuntimeModule.forService({
          service: 'registry',
          defaultHttpPort: 3001,
          entities: [TrialRecord],
          migrations: [CreateTrial1764000000100],
          overrides,
        }),
        TypeOrmModule.forFeature([TrialRecord]),
      ],
      controllers: [TrialsController],
      providers: [TrialRegistrationService, ReferenceTrialsLoader],
    };
  }
}
