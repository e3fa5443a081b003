import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TrialTreatmentPlan } from '../persistence/trial-treatment-plan.entity';
import { ProtocolVersionPublishedHandler } from './protocol-version-published.handler';
import { TreatmentPlanController } from './treatment-plan.controller';

@Module({
  imports: [TypeOrmModule.forFeature([TrialTreatmentPlan])],
  controllers: [TreatmentPlanController, ProtocolVersionPublishedHandler],
})
export class TreatmentPlanModule {}
