import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { ScreeningData } from '@trialstream/contracts';
import { type Actor, Allow, ApiPageResponse, CurrentActor, foundOr404, pageOf, PageQuery, pageWindow, RECORD_READERS, SiteScoped, sitesVisibleTo } from '@trialstream/platform';
import { In, Repository } from 'typeorm';
import { SubjectRecord } from '../persistence/subject.entity';
import { ConsentRequest, EnrollRequest, WithdrawRequest } from './requests';
import { SubjectEnrollment } from './subject-enrollment.service';
import { SubjectScreening } from './subject-screening.service';

@ApiTags('subjects')
@Controller('trials/:trialId')
export class SubjectsController {
  constructor(
    private readonly enrollment: SubjectEnrollment,
    private readonly screening: SubjectScreening,
    @InjectRepository(SubjectRecord) private readonly subjects: Repository<SubjectRecord>,
  ) {}

  @Allow('sponsor-system', 'site')
  @SiteScoped({ bodySite: 'siteId', bodySubject: 'subjectId' })
  @Post('screenings')
  @ApiCreatedResponse({ description: 'The subject is screened: eligible or not, with every rule result. SubjectScreened is published.' })
  screen(@Param('trialId') trialId: string, @Body() screening: ScreeningData) {
    return this.screening.screen(trialId, screening);
  }

  @Allow('sponsor-system', 'site')
  @Post('subjects/:subjectId/consent')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Informed consent to the current form version is recorded.' })
  consent(@Param('trialId') trialId: string, @Param('subjectId') subjectId: string, @Body() request: ConsentRequest) {
    return this.enrollment.consent(trialId, subjectId, request);
  }

  @Allow('sponsor-system', 'site')
  @Post('subjects/:subjectId/enrollment')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Enrolled; SubjectEnrolled (and EnrollmentClosed at the target) are published.' })
  @ApiConflictResponse({ description: 'Not recruiting, not eligible, no current consent, or the target is reached.' })
  enroll(@Param('trialId') trialId: string, @Param('subjectId') subjectId: string, @Body() request: EnrollRequest) {
    return this.enrollment.enroll(trialId, subjectId, request);
  }

  @Allow('sponsor-system', 'site')
  @Post('subjects/:subjectId/reconsent')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Re-consent to the form of the protocol version in force is recorded; SubjectReconsented is published.' })
  @ApiConflictResponse({ description: 'The subject is not enrolled, or owes no re-consent.' })
  reconsent(@Param('trialId') trialId: string, @Param('subjectId') subjectId: string, @Body() request: ConsentRequest) {
    return this.enrollment.reconsent(trialId, subjectId, request);
  }

  @Allow('sponsor-system', 'site')
  @Post('subjects/:subjectId/withdrawal')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Withdrawn; SubjectWithdrawn is published and no further visits follow.' })
  withdraw(@Param('trialId') trialId: string, @Param('subjectId') subjectId: string, @Body() request: WithdrawRequest, @CurrentActor() actor: Actor) {
    return this.enrollment.withdraw(trialId, subjectId, request, actor.subject);
  }

  @Allow(...RECORD_READERS, 'site')
  @SiteScoped('handler')
  @Get('subjects')
  @ApiPageResponse('Screened subjects of the trial in enrollment order, then those not enrolled in screening order.')
  async list(@Param('trialId') trialId: string, @Query() page: PageQuery, @CurrentActor() actor: Actor) {
    const order = { enrollmentNumber: 'ASC', screenedAt: 'ASC', subjectId: 'ASC' } as const;
    const sites = sitesVisibleTo(actor);
    const where = sites ? { trialId, siteId: In([...sites]) } : { trialId };
    return pageOf(await this.subjects.findAndCount({ where, order, ...pageWindow(page) }), page);
  }

  @Allow(...RECORD_READERS, 'site')
  @Get('subjects/:subjectId')
  @ApiOkResponse({ description: 'One subject with the screening data and the rule-by-rule eligibility decision.' })
  async get(@Param('trialId') trialId: string, @Param('subjectId') subjectId: string) {
    return foundOr404(await this.subjects.findOneBy({ trialId, subjectId }), `subject ${subjectId} of trial ${trialId}`);
  }
}
