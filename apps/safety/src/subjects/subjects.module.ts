import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { KnownSubject } from '../persistence/known-subject.entity';
import { SubjectMirrorHandler } from './subject-mirror.handler';

@Module({
  imports: [TypeOrmModule.forFeature([KnownSubject])],
  controllers: [SubjectMirrorHandler],
})
export class SubjectsModule {}
