import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EnrollmentClosureRecord } from '../persistence/enrollment-closure.entity';
import { ProtocolVersionRecord } from '../persistence/protocol-version.entity';
import { TrialDosingHoldRecord } from '../persistence/trial-dosing-hold.entity';
import { TrialStatusChangeRecord } from '../persistence/trial-status-change.entity';
import { TrialRecord } from '../persistence/trial.entity';
import { DosingHoldPlacedHandler } from './dosing-hold-placed.handler';
import { EnrollmentClosedHandler } from './enrollment-closed.handler';
import { ReferenceTrialsLoader } from './reference-trials.loader';
import { TrialRegistry } from './trial-registry.service';
import { TrialsController } from './trials.controller';

@Module({
  imports: [TypeOrmModule.forFeature([TrialRecord, ProtocolVersionRecord, TrialStatusChangeRecord, EnrollmentClosureRecord, TrialDosingHoldRecord])],
  controllers: [TrialsController, EnrollmentClosedHandler, DosingHoldPlacedHandler],
  providers: [TrialRegistry, ReferenceTrialsLoader],
})
export class TrialsModule {}
