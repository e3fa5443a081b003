import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { AssessmentData } from '@trialstream/contracts';
import { Allow, foundOr404, RECORD_READERS } from '@trialstream/platform';
import { Not, IsNull, Repository } from 'typeorm';
import { Assessments } from './assessments.service';
import { summarize } from './domain/summary';
import { AssessmentDue, AssessmentRecord, SubjectBaseline } from './persistence/assessment-tables';

@ApiTags('assessments')
@Controller('trials/:trialId')
export class AssessmentsController {
  constructor(
    private readonly assessments: Assessments,
    @InjectRepository(SubjectBaseline) private readonly baselines: Repository<SubjectBaseline>,
    @InjectRepository(AssessmentDue) private readonly due: Repository<AssessmentDue>,
    @InjectRepository(AssessmentRecord) private readonly records: Repository<AssessmentRecord>,
  ) {}

  @Allow('sponsor-system', 'site')
  @Post('subjects/:subjectId/assessments')
  @ApiCreatedResponse({ description: 'Scored and recorded; AssessmentRecorded, and ResponseEvaluated against baseline, are published.' })
  @ApiConflictResponse({ description: 'Not due yet (treatment not completed), recorded already, at a cancelled visit, or the subject is not enrolled here yet.' })
  record(@Param('trialId') trialId: string, @Param('subjectId') subjectId: string, @Body() assessment: AssessmentData) {
    return this.assessments.recordNow(trialId, subjectId, assessment);
  }

  @Allow(...RECORD_READERS, 'site')
  @Get('subjects/:subjectId/assessments')
  @ApiOkResponse({ description: "The subject's baseline, the assessments due after treatment, and every instrument recorded with its result and response." })
  @ApiNotFoundResponse({ description: 'The subject is not enrolled (as far as infusion tracking knows).' })
  async list(@Param('trialId') trialId: string, @Param('subjectId') subjectId: string) {
    const baseline = foundOr404(await this.baselines.findOneBy({ trialId, subjectId }), `subject ${subjectId} of trial ${trialId}`);
    const order = { visitNumber: 'ASC' } as const;
    return {
      baseline,
      due: await this.due.find({ where: { trialId, subjectId }, order }),
      assessments: await this.records.find({ where: { trialId, subjectId }, order: { timepoint: 'ASC', ...order, instrument: 'DESC' } }),
    };
  }

  @Allow(...RECORD_READERS, 'site')
  @Get('subjects/:subjectId/responses')
  @ApiOkResponse({ description: "The subject's responses against baseline: PASI improvement and thresholds reached, DLQI change and the minimal important difference." })
  async responses(@Param('trialId') trialId: string, @Param('subjectId') subjectId: string) {
    const records = await this.records.find({ where: { trialId, subjectId, response: Not(IsNull()) }, order: { timepoint: 'ASC', visitNumber: 'ASC', instrument: 'DESC' } });
    return records.map(({ timepoint, visitNumber, instrument, assessedOn, response }) => ({ timepoint, visitNumber, instrument, assessedOn, response }));
  }

  @Allow(...RECORD_READERS)
  @Get('assessment-summary')
  @ApiOkResponse({ description: 'Per timepoint: subjects due and assessed, PASI50/75/90/100 responders, DLQI scored and reaching the minimal important difference.' })
  async summary(@Param('trialId') trialId: string) {
    const recorded = await this.records.findBy({ trialId });
    return summarize(
      await this.due.findBy({ trialId }),
      recorded.map((r) => ({ ...r, scored: 'scored' in r.result ? r.result.scored : true })),
    );
  }
}
