import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { Allow, foundOr404, RECORD_READERS } from '@trialstream/platform';
import { Repository } from 'typeorm';
import { SubjectVisit } from '../persistence/subject-visit.entity';
import { SubjectWithdrawal } from '../persistence/subject-withdrawal.entity';

@ApiTags('subjects')
@Controller('trials/:trialId/subjects/:subjectId')
export class VisitsController {
  constructor(
    @InjectRepository(SubjectVisit) private readonly visits: Repository<SubjectVisit>,
    @InjectRepository(SubjectWithdrawal) private readonly withdrawals: Repository<SubjectWithdrawal>,
  ) {}

  @Allow(...RECORD_READERS, 'site')
  @Get('visits')
  @ApiOkResponse({ description: "The subject's planned infusions (with dose) and follow-up visits, with their windows and status." })
  list(@Param('trialId') trialId: string, @Param('subjectId') subjectId: string) {
    return this.visits.find({ where: { trialId, subjectId }, order: { plannedDate: 'ASC', kind: 'DESC' } });
  }

  @Allow(...RECORD_READERS, 'site')
  @Get('withdrawal')
  @ApiOkResponse({ description: "The subject's withdrawal as infusion tracking holds it; no visits are planned after it." })
  @ApiNotFoundResponse({ description: 'The subject has not withdrawn (as far as infusion tracking knows).' })
  async withdrawal(@Param('trialId') trialId: string, @Param('subjectId') subjectId: string) {
    return foundOr404(await this.withdrawals.findOneBy({ trialId, subjectId }), `withdrawal of subject ${subjectId} from trial ${trialId}`);
  }
}
