import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SubjectRecord } from '../persistence/subject.entity';
import { ScreeningSubmittedHandler } from './screening-submitted.handler';
import { SubjectEnrollment } from './subject-enrollment.service';
import { SubjectScreening } from './subject-screening.service';
import { SubjectsController } from './subjects.controller';

@Module({
  imports: [TypeOrmModule.forFeature([SubjectRecord])],
  controllers: [SubjectsController, ScreeningSubmittedHandler],
  providers: [SubjectEnrollment, SubjectScreening],
})
export class SubjectsModule {}
