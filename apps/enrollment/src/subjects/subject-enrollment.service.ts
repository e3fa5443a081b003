import { Injectable } from '@nestjs/common';
import { EnrollmentClosed, SubjectEnrolled, SubjectWithdrawn } from '@trialstream/contracts';
import { foundOr404, Outbox } from '@trialstream/platform';
import { KnownTrial } from '@trialstream/trial-mirror';
import { DataSource, IsNull, Not, type EntityManager } from 'typeorm';
import { assertCanConsent, assertCanEnroll, assertCanWithdraw, closesEnrollment } from '../domain/enrollment-rules';
import { SubjectRecord } from '../persistence/subject.entity';
import { TrialEnrollmentPolicy } from '../persistence/trial-enrollment-policy.entity';
import type { ConsentRequest, EnrollRequest, WithdrawRequest } from './requests';

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Consent, enrollment and withdrawal. Each command writes the subject and enqueues its
 * event in one transaction; enrollment locks the trial's policy row, so the cap holds however many
 * instances enroll at once.
 */
@Injectable()
export class SubjectEnrollment {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  consent(trialId: string, subjectId: string, request: ConsentRequest): Promise<SubjectRecord> {
    return this.dataSource.transaction(async (tx) => {
      const subject = await this.lockSubject(tx, trialId, subjectId);
      const policy = await tx.getRepository(TrialEnrollmentPolicy).findOneByOrFail({ trialId });
      assertCanConsent(subject, request.consentVersion, request.consentDate, policy.informedConsentVersion, today());
      return tx.getRepository(SubjectRecord).save({ ...subject, consentVersion: request.consentVersion, consentDate: request.consentDate });
    });
  }

  enroll(trialId: string, subjectId: string, request: EnrollRequest): Promise<SubjectRecord> {
    return this.dataSource.transaction(async (tx) => {
      // The policy row is the trial's enrollment lock: concurrent enrollments queue here.
      const policy = foundOr404(
        await tx.getRepository(TrialEnrollmentPolicy).findOne({ where: { trialId }, lock: { mode: 'pessimistic_write' } }),
        `enrollment policy of trial ${trialId}`,
      );
      const subject = await this.lockSubject(tx, trialId, subjectId);
      const trial = await tx.getRepository(KnownTrial).findOneByOrFail({ trialId });
      const subjects = tx.getRepository(SubjectRecord);
      const enrolled = await subjects.countBy({ trialId, enrollmentNumber: Not(IsNull()) });
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
        enrolledAt: new Date(),
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
          consentDate: saved.consentDate ?? '',
          plannedFirstInfusionDate: request.plannedFirstInfusionDate,
        },
      });
      if (closesEnrollment(enrolled + 1, policy.enrollmentTarget)) {
        await this.outbox.enqueue(tx, EnrollmentClosed, {
          trialId,
          payload: { enrolled: enrolled + 1, target: policy.enrollmentTarget, reason: 'TARGET_REACHED' as const },
        });
      }
      return saved;
    });
  }

  withdraw(trialId: string, subjectId: string, request: WithdrawRequest): Promise<SubjectRecord> {
    return this.dataSource.transaction(async (tx) => {
      const subject = await this.lockSubject(tx, trialId, subjectId);
      assertCanWithdraw(subject.status);
      const saved = await tx.getRepository(SubjectRecord).save({
        ...subject,
        status: 'WITHDRAWN' as const,
        withdrawnBy: request.withdrawnBy,
        withdrawalReason: request.reason,
        withdrawalDate: request.withdrawalDate,
      });
      await this.outbox.enqueue(tx, SubjectWithdrawn, { trialId, subjectId, payload: { subjectId, ...request } });
      return saved;
    });
  }

  private async lockSubject(tx: EntityManager, trialId: string, subjectId: string): Promise<SubjectRecord> {
    const subject = await tx.getRepository(SubjectRecord).findOne({ where: { trialId, subjectId }, lock: { mode: 'pessimistic_write' } });
    return foundOr404(subject, `subject ${subjectId} of trial ${trialId}`);
  }
}
