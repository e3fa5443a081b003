import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TrialTreatmentPlan } from '../persistence/trial-treatment-plan.entity';
import { ProtocolVersionPublishedHandler } from './protocol-version-published.handler';
import { TrialsController } from './trials.controller';

@Module({
  imports: [TypeOrmModule.forFeature([TrialTreatmentPlan])],
  controllers: [TrialsController, ProtocolVersionPublishedHandler],
})
export class TrialsModule {}
