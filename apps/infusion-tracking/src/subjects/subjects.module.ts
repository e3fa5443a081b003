import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InfusionsModule } from '../infusions/infusions.module';
import { SubjectVisit } from '../persistence/subject-visit.entity';
import { SubjectWithdrawal } from '../persistence/subject-withdrawal.entity';
import { VisitPlansModule } from '../visit-plans/visit-plans.module';
import { SubjectEnrolledHandler } from './subject-enrolled.handler';
import { SubjectWithdrawnHandler } from './subject-withdrawn.handler';
import { VisitsController } from './visits.controller';

@Module({
  imports: [TypeOrmModule.forFeature([SubjectVisit, SubjectWithdrawal]), InfusionsModule, VisitPlansModule],
  controllers: [VisitsController, SubjectEnrolledHandler, SubjectWithdrawnHandler],
})
export class SubjectsModule {}
