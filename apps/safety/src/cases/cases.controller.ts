import { Body, Controller, Get, Header, Param, Post, Query, UnprocessableEntityException } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { AdverseEventReport } from '@trialstream/contracts';
import { buildIcsr, IcsrNotPossible } from '@trialstream/exports';
import { type Actor, Allow, ApiPageResponse, assertOwnSite, CurrentActor, foundOr404, pageOf, pageWindow, RECORD_READERS, SiteScoped, sitesVisibleTo } from '@trialstream/platform';
import { KnownTrial } from '@trialstream/trial-mirror';
import { DataSource } from 'typeorm';
import { AdverseEventCase } from '../persistence/adverse-event-case.entity';
import { KnownSubject } from '../persistence/known-subject.entity';
import { CaseVersion } from '../persistence/case-version.entity';
import { ReportClock } from '../persistence/report-clock.entity';
import { ReportSubmission } from '../persistence/report-submission.entity';
import { safetyPolicyOr404 } from '../trials/safety-policy-or-404';
import { CaseIntake } from './case-intake.service';
import { CaseQuery } from './requests';

const AT_SITES = 'EXISTS (SELECT 1 FROM known_subject s WHERE s.trial_id = c.trial_id AND s.subject_id = c.subject_id AND s.site_id = ANY(:sites))';
/** Who an ICSR is from and for (N.1.3/N.1.4): the platform, and a receiver the sponsor's gateway names when it forwards the message. */
const ICSR_SENDER = 'TRIALSTREAM';
const ICSR_RECEIVER = 'UNSPECIFIED';
const RUNNING = `EXISTS (SELECT 1 FROM expedited_report_clock k WHERE k.trial_id = c.trial_id AND k.case_id = c.case_id AND k.status IN ('OPEN', 'OVERDUE'))`;

@ApiTags('cases')
@Controller('trials/:trialId')
export class CasesController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly intake: CaseIntake,
  ) {}

  @Allow('sponsor-system', 'site', 'safety-monitor')
  @SiteScoped({ bodySubject: 'subjectId' })
  @Post('adverse-event-reports')
  @ApiCreatedResponse({ description: 'The case with every version and its clocks. A first report opens a case; a follow-up (same caseId, new reportId) adds a version; the same report again changes nothing.' })
  @ApiConflictResponse({ description: 'The subject is not known here as enrolled, or the reportId was used for other content, or the case is of another subject.' })
  async report(@Param('trialId') trialId: string, @Body() report: AdverseEventReport) {
    return this.caseView(trialId, await this.intake.report(trialId, report));
  }

  @Allow(...RECORD_READERS, 'site')
  @SiteScoped('handler')
  @Get('cases')
  @ApiPageResponse('Adverse-event cases of the trial, most recently updated first, with what their current version is.')
  async list(@Param('trialId') trialId: string, @Query() query: CaseQuery, @CurrentActor() actor: Actor) {
    await safetyPolicyOr404(this.dataSource.manager, trialId);
    const cases = this.dataSource.getRepository(AdverseEventCase).createQueryBuilder('c').where('c.trial_id = :trialId', { trialId });
    const sites = sitesVisibleTo(actor);
    if (sites) cases.andWhere(AT_SITES, { sites });
    if (query.subjectId) cases.andWhere('c.subject_id = :subjectId', { subjectId: query.subjectId });
    if (query.serious !== undefined) cases.andWhere('c.serious = :serious', { serious: query.serious });
    if (query.susar !== undefined) cases.andWhere('c.susar = :susar', { susar: query.susar });
    if (query.openClock !== undefined) cases.andWhere(query.openClock ? RUNNING : `NOT ${RUNNING}`);
    const { skip, take } = pageWindow(query);
    return pageOf(await cases.orderBy('c.updated_at', 'DESC').addOrderBy('c.case_id', 'ASC').skip(skip).take(take).getManyAndCount(), query);
  }

  @Allow(...RECORD_READERS, 'site')
  @SiteScoped('handler')
  @Get('cases/:caseId')
  @ApiOkResponse({ description: 'One case: its current state, every version as reported with its classification, its expedited-report clocks and the submissions recorded.' })
  async getCase(@Param('trialId') trialId: string, @Param('caseId') caseId: string, @CurrentActor() actor: Actor) {
    await this.assertVisible(trialId, caseId, actor);
    return this.caseView(trialId, caseId);
  }

  @Allow(...RECORD_READERS, 'site')
  @SiteScoped('handler')
  @Get('cases/:caseId/e2b')
  @Header('Content-Type', 'application/xml')
  @ApiProduces('application/xml')
  @ApiOkResponse({ description: "The case's current version as an ICH E2B(R3) ICSR: an HL7 v3 batch (MCCI_IN200100UV01) of one message (PORR_IN049016UV) with the guide's minimum elements." })
  @ApiUnprocessableEntityResponse({ description: 'The case has no MedDRA code, or the protocol known here names no investigational product: E2B(R3) requires both.' })
  async e2b(@Param('trialId') trialId: string, @Param('caseId') caseId: string, @CurrentActor() actor: Actor): Promise<string> {
    await this.assertVisible(trialId, caseId, actor);
    const [found, policy, trial] = await Promise.all([
      this.caseView(trialId, caseId),
      safetyPolicyOr404(this.dataSource.manager, trialId),
      this.dataSource.getRepository(KnownTrial).findOneBy({ trialId }),
    ]);
    try {
      return buildIcsr({
        found,
        trial: { trialId, title: trial?.briefTitle ?? trialId },
        products: policy.investigationalProducts,
        senderId: ICSR_SENDER,
        receiverId: ICSR_RECEIVER,
        createdAt: new Date(),
      });
    } catch (error) {
      if (error instanceof IcsrNotPossible) throw new UnprocessableEntityException(error.message);
      throw error;
    }
  }

  /** A site learns nothing of another site's case, not even that it exists. */
  private async assertVisible(trialId: string, caseId: string, actor: Actor) {
    if (!sitesVisibleTo(actor)) return;
    const found = await this.dataSource.getRepository(AdverseEventCase).findOneBy({ trialId, caseId });
    assertOwnSite(actor, found && (await this.dataSource.getRepository(KnownSubject).findOneBy({ trialId, subjectId: found.subjectId }))?.siteId);
  }

  private async caseView(trialId: string, caseId: string) {
    const where = { trialId, caseId };
    const found = foundOr404(await this.dataSource.getRepository(AdverseEventCase).findOneBy(where), `case ${caseId} of trial ${trialId}`);
    const [versions, clocks, submissions] = await Promise.all([
      this.dataSource.getRepository(CaseVersion).find({ where, order: { version: 'ASC' } }),
      this.dataSource.getRepository(ReportClock).find({ where, order: { report: 'ASC' } }),
      this.dataSource.getRepository(ReportSubmission).find({ where, order: { recordedAt: 'ASC' } }),
    ]);
    return { ...found, versions, clocks, submissions };
  }
}
