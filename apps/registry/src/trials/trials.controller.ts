import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { RuleViolationError, validatePlain } from '@trialstream/contracts';
import { foundOr404 } from '@trialstream/platform';
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
  @Post('import')
  @ApiBody({ description: 'A ClinicalTrials.gov API v2 study record ({ protocolSection: ... }).', schema: { type: 'object' } })
  @ApiCreatedResponse({ description: 'Registered; TrialRegistered is published.' })
  @ApiConflictResponse({ description: 'A trial with this NCT id is already registered.' })
  importStudy(@Body() record: Record<string, unknown>) {
    const { violations } = validatePlain(CtGovStudyDto, record, '', { unknownFields: 'keep' });
    if (violations.length > 0) throw new RuleViolationError(violations);
    return this.registry.importStudy(record as unknown as CtGovStudy);
  }

  @Post()
  @ApiCreatedResponse({ description: 'Registered by id and title only; nothing downstream acts on it until it has a protocol.' })
  register(@Body() request: RegisterTrialRequest) {
    return this.registry.registerByTitle(request);
  }

  @Get()
  @ApiOkResponse({ description: 'Every registered trial, newest first.' })
  list() {
    return this.trials.find({ order: { registeredAt: 'DESC' } });
  }

  @Get(':nctId')
  @ApiOkResponse({ description: 'One trial with its registry record.' })
  async get(@Param('nctId') nctId: string) {
    return foundOr404(await this.trials.findOneBy({ nctId }), `trial ${nctId}`);
  }

  @Post(':nctId/protocol-versions')
  @ApiCreatedResponse({ description: 'The next protocol version; ProtocolVersionPublished is published.' })
  publishProtocol(@Param('nctId') nctId: string, @Body() request: PublishProtocolRequest) {
    return this.registry.publishProtocol(nctId, request);
  }

  @Get(':nctId/protocol-versions')
  @ApiOkResponse({ description: 'Every published version of the protocol, oldest first; the last one is in force.' })
  async listProtocolVersions(@Param('nctId') nctId: string) {
    await this.get(nctId);
    return this.versions.find({ where: { nctId }, order: { version: 'ASC' } });
  }

  @Get(':nctId/protocol-versions/:version')
  @ApiOkResponse({ description: 'One protocol version.' })
  async getProtocolVersion(@Param('nctId') nctId: string, @Param('version', ParseIntPipe) version: number) {
    return foundOr404(await this.versions.findOneBy({ nctId, version }), `protocol version ${version} of trial ${nctId}`);
  }

  @Post(':nctId/status')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The status change; TrialStatusChanged is published.' })
  @ApiConflictResponse({ description: 'The transition is not allowed from the current status.' })
  changeStatus(@Param('nctId') nctId: string, @Body() request: ChangeStatusRequest) {
    return this.registry.changeStatus(nctId, request);
  }

  @Get(':nctId/status-history')
  @ApiOkResponse({ description: 'Every status change with its reason and who made it, oldest first.' })
  async statusHistory(@Param('nctId') nctId: string) {
    await this.get(nctId);
    return this.statusChanges.find({ where: { nctId }, order: { changedAt: 'ASC', id: 'ASC' } });
  }

  @Get(':nctId/enrollment-closures')
  @ApiOkResponse({ description: 'Each EnrollmentClosed received, oldest first: the status the trial had, and whether it moved (APPLIED) or not (NOT_APPLIED, with why).' })
  async enrollmentClosures(@Param('nctId') nctId: string) {
    await this.get(nctId);
    return this.closures.find({ where: { nctId }, order: { receivedAt: 'ASC' } });
  }

  @Get(':nctId/dosing-holds')
  @ApiOkResponse({ description: "Each trial-wide dosing hold safety placed, oldest first: the status the trial had, and whether it was suspended (APPLIED) or not (NOT_APPLIED, with why)." })
  async dosingHolds(@Param('nctId') nctId: string) {
    await this.get(nctId);
    return this.holds.find({ where: { nctId }, order: { receivedAt: 'ASC' } });
  }
}
