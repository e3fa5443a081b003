import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { SubjectVisitPlan } from './persistence/subject-visit-plan.entity';
import { Allow, RECORD_READERS } from '@trialstream/platform';

@ApiTags('subjects')
@Controller('trials/:trialId/subjects/:subjectId')
export class VisitPlansController {
  constructor(@InjectRepository(SubjectVisitPlan) private readonly plans: Repository<SubjectVisitPlan>) {}

  @Allow(...RECORD_READERS, 'site')
  @Get('visit-plans')
  @ApiOkResponse({ description: "Every plan the subject's visits followed, oldest first: at enrollment, then one per re-consent to a new protocol version, each with its visits." })
  list(@Param('trialId') trialId: string, @Param('subjectId') subjectId: string) {
    return this.plans.find({ where: { trialId, subjectId }, order: { planNumber: 'ASC' } });
  }
}
