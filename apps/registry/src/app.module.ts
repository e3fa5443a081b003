import { Module } from '@nestjs/common';
import { serviceModule } from '@trialstream/platform';
import { CreateRegistry1764000000100 } from './persistence/migrations/1764000000100-create-registry';
import { ProtocolVersionRecord } from './persistence/protocol-version.entity';
import { TrialStatusChangeRecord } from './persistence/trial-status-change.entity';
import { TrialRecord } from './persistence/trial.entity';
import { EnrollmentClosedHandler } from './trials/enrollment-closed.handler';
import { ReferenceTrialsLoader } from './trials/reference-trials.loader';
import { TrialRegistry } from './trials/trial-registry.service';
import { TrialsController } from './trials/trials.controller';

/** Registry: the source of truth for what a trial is, which protocol it runs on, and its status. */
@Module({})
export class RegistryModule {
  static register(overrides?: Record<string, string>) {
    return serviceModule(
      RegistryModule,
      {
        service: 'registry',
        defaultHttpPort: 3001,
        entities: [TrialRecord, ProtocolVersionRecord, TrialStatusChangeRecord],
        migrations: [CreateRegistry1764000000100],
        handlers: [EnrollmentClosedHandler],
        controllers: [TrialsController],
        providers: [TrialRegistry, ReferenceTrialsLoader],
      },
      overrides,
    );
  }
}
