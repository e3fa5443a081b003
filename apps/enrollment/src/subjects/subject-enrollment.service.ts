import { Injectable } from '@nestjs/common';
import { calendarDateIn, EnrollmentClosed, SubjectEnrolled, SubjectReconsented, SubjectWithdrawn, type CalendarDate } from '@trialstream/contracts';
import { Clock, foundOr404, Outbox } from '@trialstream/platform';
import { KnownTrial } from '@trialstream/trial-mirror';
import { DataSource, type EntityManager } from 'typeorm';
import { assertCanConsent, assertCanEnroll, assertCanWithdraw, closesEnrollment } from '../domain/enrollment-rules';
import { assertCanReconsent } from '../domain/reconsent';
import { siteTimeZone } from '../domain/sites';
import { enrolledCount } from '../persistence/enrolled-count';
import { SubjectRecord } from '../persistence/subject.entity';
import { TrialEnrollmentPolicy } from '../persistence/trial-enrollment-policy.entity';
import type { ConsentRequest, EnrollRequest, WithdrawRequest } from './requests';

/**
 * Consent, enrollment, re-consent and withdrawal. Each command writes the subject and enqueues its
 * event in one transaction; enrollment locks the trial's policy row, so the cap holds however many
 * instances enroll at once.
 */
@Injectable()
export class SubjectEnrollment {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  consent(trialId: string, subjectId: string, request: ConsentRequest): Promise<SubjectRecord> {
    return this.dataSource.transaction(async (tx) => {
      const policy = await this.policyOf(tx, trialId);
      const subject = await this.lockSubject(tx, trialId, subjectId);
      assertCanConsent(subject, request.consentVersion, request.consentDate, policy.informedConsentVersion, this.todayAt(policy, subject.siteId));
      return tx.getRepository(SubjectRecord).save({ ...subject, consentVersion: request.consentVersion, consentDate: request.consentDate });
    });
  }

  enroll(trialId: string, subjectId: string, request: EnrollRequest): Promise<SubjectRecord> {
    return this.dataSource.transaction(async (tx) => {
      // The policy row is the trial's enrollment lock: concurrent enrollments queue here.
      const policy = await this.policyOf(tx, trialId, 'pessimistic_write');
      const subject = await this.lockSubject(tx, trialId, subjectId);
      const trial = foundOr404(await tx.getRepository(KnownTrial).findOneBy({ trialId }), `trial ${trialId}`);
      const subjects = tx.getRepository(SubjectRecord);
      const enrolled = await enrolledCount(tx, trialId);
      assertCanEnroll(subject, {
        trialStatus: trial.overallStatus,
        protocolVersion: policy.protocolVersion,
        requiredConsentVersion: policy.informedConsentVersion,
        target: policy.enrollmentTarget,
        enrolled,
      });

      const saved = await subjects.save({
        ...subject,
        status: 'ENROLLED' as const,
        enrollmentNumber: enrolled + 1,
        enrolledAt: this.clock.now(),
        plannedFirstInfusionDate: request.plannedFirstInfusionDate,
      });
      const { screening } = saved;
      await this.outbox.enqueue(tx, SubjectEnrolled, {
        trialId,
        subjectId,
        payload: {
          subjectId,
          siteId: saved.siteId,
          protocolVersion: policy.protocolVersion,
          enrollmentNumber: enrolled + 1,
          baselineDate: screening.baselineDate,
          baselinePasi: screening.baselinePasi,
          baselineDlqi: screening.baselineDlqi,
          bodyWeightKg: screening.bodyWeightKg,
          consentVersion: policy.informedConsentVersion,
          // assertCanEnroll has checked the consent, and a consent always has its date.
          consentDate: saved.consentDate as CalendarDate,
          plannedFirstInfusionDate: request.plannedFirstInfusionDate,
        },
      });
      if (closesEnrollment(enrolled + 1, policy.enrollmentTarget)) {
        await this.outbox.enqueue(tx, EnrollmentClosed, {
          trialId,
          payload: { enrolled: enrolled + 1, target: policy.enrollmentTarget, reason: 'TARGET_REACHED' as const, protocolVersion: policy.protocolVersion },
        });
      }
      return saved;
    });
  }

  /** The subject signs the form of the protocol version in force after an amendment changed it; SubjectReconsented lets infusion tracking re-plan. */
  reconsent(trialId: string, subjectId: string, request: ConsentRequest): Promise<SubjectRecord> {
    return this.dataSource.transaction(async (tx) => {
      const policy = await this.policyOf(tx, trialId);
      const subject = await this.lockSubject(tx, trialId, subjectId);
      assertCanReconsent(subject, request.consentVersion, request.consentDate, policy.informedConsentVersion, this.todayAt(policy, subject.siteId));
      const saved = await tx.getRepository(SubjectRecord).save({
        ...subject,
        consentVersion: request.consentVersion,
        consentDate: request.consentDate,
        reconsentRequiredVersion: null,
        reconsentRequiredUnder: null,
      });
      await this.outbox.enqueue(tx, SubjectReconsented, {
        trialId,
        subjectId,
        payload: { subjectId, protocolVersion: policy.protocolVersion, consentVersion: request.consentVersion, consentDate: request.consentDate },
      });
      return saved;
    });
  }

  withdraw(trialId: string, subjectId: string, request: WithdrawRequest, recordedBy: string): Promise<SubjectRecord> {
    return this.dataSource.transaction(async (tx) => {
      const policy = await this.policyOf(tx, trialId);
      const subject = await this.lockSubject(tx, trialId, subjectId);
      assertCanWithdraw(subject.status, request.withdrawalDate, this.todayAt(policy, subject.siteId));
      const saved = await tx.getRepository(SubjectRecord).save({
        ...subject,
        status: 'WITHDRAWN' as const,
        withdrawnBy: request.withdrawnBy,
        withdrawalReason: request.reason,
        withdrawalDate: request.withdrawalDate,
      });
      await this.outbox.enqueue(tx, SubjectWithdrawn, { trialId, subjectId, payload: { subjectId, ...request, recordedBy } });
      return saved;
    });
  }

  /** A trial this service has no protocol of is unknown here: 404, whatever else the request says. */
  private async policyOf(tx: EntityManager, trialId: string, lock?: 'pessimistic_write'): Promise<TrialEnrollmentPolicy> {
    const policy = await tx.getRepository(TrialEnrollmentPolicy).findOne({ where: { trialId }, ...(lock ? { lock: { mode: lock } } : {}) });
    return foundOr404(policy, `trial ${trialId}`);
  }

  private todayAt(policy: TrialEnrollmentPolicy, siteId: string): CalendarDate {
    return calendarDateIn(this.clock.now(), siteTimeZone(policy.sites, siteId));
  }

  private async lockSubject(tx: EntityManager, trialId: string, subjectId: string): Promise<SubjectRecord> {
    const subject = await tx.getRepository(SubjectRecord).findOne({ where: { trialId, subjectId }, lock: { mode: 'pessimistic_write' } });
    return foundOr404(subject, `subject ${subjectId} of trial ${trialId}`);
  }
}
