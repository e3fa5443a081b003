import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FollowUpModule } from '../follow-up/follow-up.module';
import { InfusionsModule } from '../infusions/infusions.module';
import { SubjectVisitPlan } from './persistence/subject-visit-plan.entity';
import { SubjectReconsentedHandler } from './subject-reconsented.handler';
import { VisitPlans } from './visit-plans.service';
import { VisitPlansController } from './visit-plans.controller';

/** Subjects' visit plans: made at enrollment, re-made after a re-consent to an amended protocol, each one kept. */
@Module({
  imports: [TypeOrmModule.forFeature([SubjectVisitPlan]), FollowUpModule, InfusionsModule],
  controllers: [VisitPlansController, SubjectReconsentedHandler],
  providers: [VisitPlans],
  exports: [VisitPlans],
})
export class VisitPlansModule {}
