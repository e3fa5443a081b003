import { ForbiddenException, Injectable } from '@nestjs/common';
import {
  ProtocolVersionPublished, RuleViolationError, TrialRegistered, TrialStatusChanged, type DosingHoldPlacedPayload, type TrialRegisteredPayload,
} from '@trialstream/contracts';
import { type Actor, foundOr404, Outbox } from '@trialstream/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { eligibilityText, registrationFromStudy, type CtGovStudy } from '../domain/ctgov-study';
import { suspendForDosingHold } from '../domain/dosing-hold-suspension';
import { closeRecruitment } from '../domain/enrollment-closure';
import { nextProtocolVersion, type ProtocolDraft } from '../domain/protocol-versions';
import { assertStatusTransition, decidingRole } from '../domain/trial-status-machine';
import { EnrollmentClosureRecord } from '../persistence/enrollment-closure.entity';
import { ProtocolVersionRecord } from '../persistence/protocol-version.entity';
import { TrialDosingHoldRecord } from '../persistence/trial-dosing-hold.entity';
import { TrialStatusChangeRecord } from '../persistence/trial-status-change.entity';
import { TrialRecord } from '../persistence/trial.entity';
import type { ChangeStatusRequest, PublishProtocolRequest, StatusChange, RegisterTrialRequest } from './dto/requests';

/**
 * The registry's commands. Each one changes state and enqueues the event it causes in one
 * transaction, so what the registry says and what it publishes never diverge.
 */
@Injectable()
export class TrialRegistry {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  /** Imports a ClinicalTrials.gov record and, when given, publishes its first protocol with it. */
  async importStudy(study: CtGovStudy, protocol?: { request: PublishProtocolRequest; publishedBy: string }): Promise<TrialRecord> {
    return this.dataSource.transaction(async (tx) => {
      const trial = await this.register(tx, registrationFromStudy(study), study);
      if (protocol) await this.publishIn(tx, trial, protocol.request, protocol.publishedBy);
      return trial;
    });
  }

  async registerByTitle(request: RegisterTrialRequest): Promise<TrialRecord> {
    const registration: TrialRegisteredPayload = {
      trialId: request.trialId,
      briefTitle: request.briefTitle,
      phases: [],
      overallStatus: request.overallStatus ?? 'UNKNOWN',
    };
    return this.dataSource.transaction((tx) => this.register(tx, registration, null));
  }

  async publishProtocol(trialId: string, request: PublishProtocolRequest, publishedBy: string): Promise<ProtocolVersionRecord> {
    return this.dataSource.transaction(async (tx) => this.publishIn(tx, await this.lockTrial(tx, trialId), request, publishedBy));
  }

  /** A status change a person decided (over HTTP); safety's trial-wide holds come through suspendForDosingHoldIn. */
  changeStatus(trialId: string, request: ChangeStatusRequest, actor: Actor): Promise<TrialStatusChangeRecord> {
    return this.dataSource.transaction((tx) => this.changeStatusIn(tx, trialId, { ...request, changedBy: actor.subject }, actor.role));
  }

  /** `decidedAs` is the role of whoever decided it; a service acting on an event decides as 'service'. */
  async changeStatusIn(tx: EntityManager, trialId: string, request: StatusChange, decidedAs: Actor['role'] = 'service'): Promise<TrialStatusChangeRecord> {
    const trial = await this.lockTrial(tx, trialId);
    assertStatusTransition(trial.overallStatus, request.status);
    const decider = decidingRole(trial.overallStatus, request.status);
    if (decider && decidedAs !== decider) throw new ForbiddenException(`only the ${decider} role may move a ${trial.overallStatus} trial to ${request.status}`);
    const change = await tx.getRepository(TrialStatusChangeRecord).save({
      trialId,
      from: trial.overallStatus,
      to: request.status,
      reason: request.reason,
      changedBy: request.changedBy,
    });
    await tx.getRepository(TrialRecord).update({ trialId }, { overallStatus: request.status });
    await this.outbox.enqueue(tx, TrialStatusChanged, {
      trialId: trialId,
      payload: { trialId, from: change.from, to: change.to, reason: change.reason, changedBy: change.changedBy, changedAt: change.changedAt.toISOString() },
    });
    return change;
  }

  /**
   * Enrollment reached the target. Decided under the trial's lock, so a suspension committed just
   * before is seen; recorded whether it moved the trial or not.
   */
  async closeRecruitmentIn(
    tx: EntityManager,
    closure: Pick<EnrollmentClosureRecord, 'eventId' | 'trialId' | 'enrolled' | 'target'>,
  ): Promise<EnrollmentClosureRecord> {
    const trial = await this.lockTrial(tx, closure.trialId);
    const decision = closeRecruitment(trial.overallStatus);
    if (decision.outcome === 'APPLIED') {
      await this.changeStatusIn(tx, trial.trialId, {
        status: decision.status,
        reason: `enrollment target reached (${closure.enrolled} of ${closure.target} subjects)`,
        changedBy: 'enrollment service',
      });
    }
    return tx.getRepository(EnrollmentClosureRecord).save({
      ...closure,
      trialStatus: trial.overallStatus,
      outcome: decision.outcome,
      reason: decision.outcome === 'NOT_APPLIED' ? decision.reason : null,
    });
  }

  /**
   * Safety placed a trial-wide dosing hold: the trial is suspended with the rule (or the person's
   * reason) as the reason, under the trial's lock; recorded whether it moved the trial or not.
   */
  async suspendForDosingHoldIn(tx: EntityManager, trialId: string, hold: DosingHoldPlacedPayload): Promise<TrialDosingHoldRecord> {
    const trial = await this.lockTrial(tx, trialId);
    const decision = suspendForDosingHold(trial.overallStatus);
    if (decision.outcome === 'APPLIED') {
      const cause = hold.ruleId ? `safety stopping rule ${hold.ruleId}` : 'safety';
      await this.changeStatusIn(tx, trialId, { status: decision.status, reason: `trial-wide dosing hold ${hold.holdId} placed by ${cause}: ${hold.reason}`, changedBy: hold.placedBy });
    }
    return tx.getRepository(TrialDosingHoldRecord).save({
      holdId: hold.holdId,
      trialId,
      reason: hold.reason,
      ruleId: hold.ruleId ?? null,
      caseId: hold.caseId ?? null,
      placedBy: hold.placedBy,
      placedAt: new Date(hold.placedAt),
      trialStatus: trial.overallStatus,
      outcome: decision.outcome,
      notAppliedReason: decision.outcome === 'NOT_APPLIED' ? decision.reason : null,
    });
  }

  async isRegistered(trialId: string): Promise<boolean> {
    return this.dataSource.getRepository(TrialRecord).existsBy({ trialId });
  }

  private async register(tx: EntityManager, registration: TrialRegisteredPayload, study: CtGovStudy | null): Promise<TrialRecord> {
    const trials = tx.getRepository(TrialRecord);
    const inserted = await trials
      .createQueryBuilder()
      .insert()
      .values({
        trialId: registration.trialId,
        orgStudyId: registration.orgStudyId ?? null,
        briefTitle: registration.briefTitle,
        officialTitle: registration.officialTitle ?? null,
        phases: registration.phases,
        overallStatus: registration.overallStatus,
        leadSponsor: registration.leadSponsor ?? null,
        registryRecord: study,
      })
      .orIgnore()
      .returning('trial_id')
      .execute();
    if ((inserted.raw as unknown[]).length === 0) {
      throw RuleViolationError.of('trialId', 'unique', `trial ${registration.trialId} is already registered`, 'conflict');
    }
    await this.outbox.enqueue(tx, TrialRegistered, { trialId: registration.trialId, payload: registration });
    return trials.findOneByOrFail({ trialId: registration.trialId });
  }

  private async publishIn(tx: EntityManager, trial: TrialRecord, request: PublishProtocolRequest, publishedBy: string): Promise<ProtocolVersionRecord> {
    const versions = tx.getRepository(ProtocolVersionRecord);
    const latest = await versions.findOne({ where: { trialId: trial.trialId }, order: { version: 'DESC' } });
    const { amendmentReason, ...draft } = request;
    const protocol = nextProtocolVersion(draft as ProtocolDraft, {
      trialStatus: trial.overallStatus,
      latest: latest ?? undefined,
      criteriaText: eligibilityText(trial.registryRecord),
      amendmentReason,
    });
    const record = await versions.save({
      trialId: trial.trialId,
      version: protocol.version,
      effectiveDate: protocol.effectiveDate,
      protocol,
      amendmentReason: amendmentReason ?? null,
      publishedBy,
    });
    await this.outbox.enqueue(tx, ProtocolVersionPublished, {
      trialId: trial.trialId,
      payload: { trialId: trial.trialId, protocol, publishedBy, ...(amendmentReason ? { amendmentReason } : {}) },
    });
    return record;
  }

  /** Serialises commands on one trial (status changes and amendments never interleave). */
  private async lockTrial(tx: EntityManager, trialId: string): Promise<TrialRecord> {
    const trial = await tx.getRepository(TrialRecord).findOne({ where: { trialId }, lock: { mode: 'pessimistic_write' } });
    return foundOr404(trial, `trial ${trialId}`);
  }
}
