import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBody, ApiForbiddenResponse, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { RuleViolationError, validatePlain } from '@trialstream/contracts';
import { type Actor, ALL_ROLES, CurrentActor, Allow, ApiPageResponse, foundOr404, pageOf, PageQuery, pageWindow, RECORD_READERS, SiteScoped } from '@trialstream/platform';
import { Repository } from 'typeorm';
import type { CtGovStudy } from '../domain/ctgov-study';
import { EnrollmentClosureRecord } from '../persistence/enrollment-closure.entity';
import { ProtocolVersionRecord } from '../persistence/protocol-version.entity';
import { TrialDosingHoldRecord } from '../persistence/trial-dosing-hold.entity';
import { TrialStatusChangeRecord } from '../persistence/trial-status-change.entity';
import { TrialRecord } from '../persistence/trial.entity';
import { CtGovStudyDto } from './dto/ctgov-study.dto';
import { ChangeStatusRequest, PublishProtocolRequest, RegisterTrialRequest } from './dto/requests';
import { TrialRegistry } from './trial-registry.service';

@ApiTags('trials')
@Controller('trials')
export class TrialsController {
  constructor(
    private readonly registry: TrialRegistry,
    @InjectRepository(TrialRecord) private readonly trials: Repository<TrialRecord>,
    @InjectRepository(ProtocolVersionRecord) private readonly versions: Repository<ProtocolVersionRecord>,
    @InjectRepository(TrialStatusChangeRecord) private readonly statusChanges: Repository<TrialStatusChangeRecord>,
    @InjectRepository(EnrollmentClosureRecord) private readonly closures: Repository<EnrollmentClosureRecord>,
    @InjectRepository(TrialDosingHoldRecord) private readonly holds: Repository<TrialDosingHoldRecord>,
  ) {}

  /** The body is the study as ClinicalTrials.gov API v2 returns it; it is stored verbatim. */
  @Allow('sponsor-system', 'data-manager')
  @Post('import')
  @ApiBody({ description: 'A ClinicalTrials.gov API v2 study record ({ protocolSection: ... }).', schema: { type: 'object' } })
  @ApiCreatedResponse({ description: 'Registered; TrialRegistered is published.' })
  @ApiConflictResponse({ description: 'A trial with this NCT id is already registered.' })
  importStudy(@Body() record: Record<string, unknown>) {
    const { violations } = validatePlain(CtGovStudyDto, record, '', { unknownFields: 'keep' });
    if (violations.length > 0) throw new RuleViolationError(violations);
    return this.registry.importStudy(record as unknown as CtGovStudy);
  }

  @Allow('sponsor-system', 'data-manager')
  @Post()
  @ApiCreatedResponse({ description: 'Registered by id and title only; nothing downstream acts on it until it has a protocol.' })
  register(@Body() request: RegisterTrialRequest) {
    return this.registry.registerByTitle(request);
  }

  /** Trials registered in one transaction share registeredAt; the id keeps pages stable. */
  @Allow(...ALL_ROLES)
  @SiteScoped('trial-wide')
  @Get()
  @ApiPageResponse('Registered trials, newest first.')
  async list(@Query() page: PageQuery) {
    return pageOf(await this.trials.findAndCount({ order: { registeredAt: 'DESC', trialId: 'ASC' }, ...pageWindow(page) }), page);
  }

  @Allow(...ALL_ROLES)
  @SiteScoped('trial-wide')
  @Get(':trialId')
  @ApiOkResponse({ description: 'One trial with its registry record.' })
  async get(@Param('trialId') trialId: string) {
    return foundOr404(await this.trials.findOneBy({ trialId }), `trial ${trialId}`);
  }

  @Allow('sponsor-system', 'data-manager')
  @Post(':trialId/protocol-versions')
  @ApiCreatedResponse({ description: 'The next protocol version; ProtocolVersionPublished is published.' })
  publishProtocol(@Param('trialId') trialId: string, @Body() request: PublishProtocolRequest, @CurrentActor() actor: Actor) {
    return this.registry.publishProtocol(trialId, request, actor.subject);
  }

  @Allow(...ALL_ROLES)
  @SiteScoped('trial-wide')
  @Get(':trialId/protocol-versions')
  @ApiPageResponse('Published versions of the protocol, oldest first; the last one is in force.')
  async listProtocolVersions(@Param('trialId') trialId: string, @Query() page: PageQuery) {
    await this.get(trialId);
    return pageOf(await this.versions.findAndCount({ where: { trialId }, order: { version: 'ASC' }, ...pageWindow(page) }), page);
  }

  @Allow(...ALL_ROLES)
  @SiteScoped('trial-wide')
  @Get(':trialId/protocol-versions/:version')
  @ApiOkResponse({ description: 'One protocol version.' })
  async getProtocolVersion(@Param('trialId') trialId: string, @Param('version', ParseIntPipe) version: number) {
    return foundOr404(await this.versions.findOneBy({ trialId, version }), `protocol version ${version} of trial ${trialId}`);
  }

  @Allow('sponsor-system', 'dsmb')
  @Post(':trialId/status')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The status change; TrialStatusChanged is published.' })
  @ApiConflictResponse({ description: 'The transition is not allowed from the current status.' })
  @ApiForbiddenResponse({ description: 'Also: only the dsmb role resumes a suspended trial.' })
  changeStatus(@Param('trialId') trialId: string, @Body() request: ChangeStatusRequest, @CurrentActor() actor: Actor) {
    return this.registry.changeStatus(trialId, request, actor);
  }

  @Allow(...RECORD_READERS)
  @Get(':trialId/status-history')
  @ApiPageResponse('Status changes with their reason and who made them, oldest first.')
  async statusHistory(@Param('trialId') trialId: string, @Query() page: PageQuery) {
    await this.get(trialId);
    return pageOf(await this.statusChanges.findAndCount({ where: { trialId }, order: { changedAt: 'ASC', id: 'ASC' }, ...pageWindow(page) }), page);
  }

  @Allow(...RECORD_READERS)
  @Get(':trialId/enrollment-closures')
  @ApiPageResponse('Each EnrollmentClosed received, oldest first: the status the trial had, and whether it moved (APPLIED) or not (NOT_APPLIED, with why).')
  async enrollmentClosures(@Param('trialId') trialId: string, @Query() page: PageQuery) {
    await this.get(trialId);
    return pageOf(await this.closures.findAndCount({ where: { trialId }, order: { receivedAt: 'ASC', eventId: 'ASC' }, ...pageWindow(page) }), page);
  }

  @Allow(...RECORD_READERS)
  @Get(':trialId/dosing-holds')
  @ApiPageResponse("Each trial-wide dosing hold safety placed, oldest first: the status the trial had, and whether it suspended the trial (APPLIED) or not (with why).")
  async dosingHolds(@Param('trialId') trialId: string, @Query() page: PageQuery) {
    await this.get(trialId);
    return pageOf(await this.holds.findAndCount({ where: { trialId }, order: { receivedAt: 'ASC', holdId: 'ASC' }, ...pageWindow(page) }), page);
  }
}
