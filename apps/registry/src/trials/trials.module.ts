import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EnrollmentClosureRecord } from '../persistence/enrollment-closure.entity';
import { ProtocolVersionRecord } from '../persistence/protocol-version.entity';
import { TrialStatusChangeRecord } from '../persistence/trial-status-change.entity';
import { TrialRecord } from '../persistence/trial.entity';
import { EnrollmentClosedHandler } from './enrollment-closed.handler';
import { ReferenceTrialsLoader } from './reference-trials.loader';
import { TrialRegistry } from './trial-registry.service';
import { TrialsController } from './trials.controller';

@Module({
  imports: [TypeOrmModule.forFeature([TrialRecord, ProtocolVersionRecord, TrialStatusChangeRecord, EnrollmentClosureRecord])],
  controllers: [TrialsController, EnrollmentClosedHandler],
  providers: [TrialRegistry, ReferenceTrialsLoader],
})
export class TrialsModule {}
