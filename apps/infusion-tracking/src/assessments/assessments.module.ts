import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssessmentHandlers } from './assessment-handlers';
import { AssessmentsController } from './assessments.controller';
import { Assessments } from './assessments.service';
import { AssessmentDue, AssessmentRecord, SubjectBaseline } from './persistence/assessment-tables';

/** PASI and DLQI after baseline, scored, and the response measured against baseline. */
@Module({
  imports: [TypeOrmModule.forFeature([SubjectBaseline, AssessmentDue, AssessmentRecord])],
  controllers: [AssessmentsController, AssessmentHandlers],
  providers: [Assessments],
})
export class AssessmentsModule {}
