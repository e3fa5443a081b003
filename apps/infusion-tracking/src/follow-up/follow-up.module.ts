import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SubjectVisit } from '../persistence/subject-visit.entity';
import { FollowUpNotices } from './follow-up-notices.service';
import { FollowUpVisitSubmittedHandler } from './follow-up-visit-submitted.handler';
import { FollowUpVisits } from './follow-up-visits.service';
import { FollowUpController } from './follow-up.controller';
import { FollowUpVisit } from './persistence/follow-up-visit.entity';
import { FollowUpWithdrawalHandler } from './subject-withdrawn.handler';

/** Follow-up visits: their notices (due, overdue) from durable timers, and the visits recorded. */
@Module({
  imports: [TypeOrmModule.forFeature([FollowUpVisit, SubjectVisit])],
  controllers: [FollowUpController, FollowUpVisitSubmittedHandler, FollowUpWithdrawalHandler],
  providers: [FollowUpNotices, FollowUpVisits],
  exports: [FollowUpNotices],
})
export class FollowUpModule {}
