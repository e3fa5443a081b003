import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { FollowUpVisitReport } from '@trialstream/contracts';
import { Repository } from 'typeorm';
import { SubjectVisit } from '../persistence/subject-visit.entity';
import { FollowUpVisits } from './follow-up-visits.service';
import { FollowUpVisit } from './persistence/follow-up-visit.entity';
import { Allow, RECORD_READERS } from '@trialstream/platform';

@ApiTags('follow-up')
@Controller('trials/:trialId/subjects/:subjectId/follow-up-visits')
export class FollowUpController {
  constructor(
    private readonly followUps: FollowUpVisits,
    @InjectRepository(SubjectVisit) private readonly visits: Repository<SubjectVisit>,
    @InjectRepository(FollowUpVisit) private readonly recorded: Repository<FollowUpVisit>,
  ) {}

  @Allow('sponsor-system', 'site')
  @Post()
  @ApiCreatedResponse({ description: 'The visit is recorded (inside its window or not); FollowUpVisitRecorded is published and no overdue notice follows.' })
  @ApiConflictResponse({ description: 'The visit is recorded already or was cancelled, or the subject has no visits planned yet.' })
  record(@Param('trialId') trialId: string, @Param('subjectId') subjectId: string, @Body() report: FollowUpVisitReport) {
    return this.followUps.recordNow(trialId, subjectId, report);
  }

  @Allow(...RECORD_READERS, 'site')
  @Get()
  @ApiOkResponse({ description: "The subject's follow-up visits with their windows, and each one's visit as recorded (null while none is)." })
  async list(@Param('trialId') trialId: string, @Param('subjectId') subjectId: string) {
    const planned = await this.visits.find({ where: { trialId, subjectId, kind: 'FOLLOW_UP' }, order: { number: 'ASC' } });
    const recorded = new Map((await this.recorded.findBy({ trialId, subjectId })).map((r) => [r.visitNumber, r]));
    return planned.map(({ number, plannedDate, windowOpens, windowCloses, status }) => ({
      visitNumber: number, plannedDate, windowOpens, windowCloses, status, recorded: recorded.get(number) ?? null,
    }));
  }
}
