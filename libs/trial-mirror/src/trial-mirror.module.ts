import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditKnownTrial1764000000011 } from './known-trial-audit.migration';
import { KnownTrial } from './known-trial.entity';
import { KnownTrial1764000000010 } from './known-trial.migration';
import { KnownTrialsController } from './known-trials.controller';
import { TrialMirrorEvents } from './trial-mirror.events';

/** Its migrations, for the importing service's migration list. */
export const TRIAL_MIRROR_MIGRATIONS = [KnownTrial1764000000010, AuditKnownTrial1764000000011];

/** A service's copy of every trial's title and status, from the registry's events (GET /trials/:trialId). */
@Module({
  imports: [TypeOrmModule.forFeature([KnownTrial])],
  controllers: [KnownTrialsController, TrialMirrorEvents],
})
export class TrialMirrorModule {}
