import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { SubjectVisit } from '../persistence/subject-visit.entity';

@ApiTags('subjects')
@Controller('trials/:trialId/subjects/:subjectId/visits')
export class VisitsController {
  constructor(@InjectRepository(SubjectVisit) private readonly visits: Repository<SubjectVisit>) {}

  @Get()
  @ApiOkResponse({ description: "The subject's planned infusions (with dose) and follow-up visits, with their windows and status." })
  list(@Param('trialId') trialId: string, @Param('subjectId') subjectId: string) {
    return this.visits.find({ where: { trialId, subjectId }, order: { plannedDate: 'ASC', kind: 'DESC' } });
  }
}
