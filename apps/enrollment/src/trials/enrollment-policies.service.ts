import { Injectable, Logger } from '@nestjs/common';
import { EnrollmentClosed, ReconsentRequired, type ProtocolVersionPublishedPayload } from '@trialstream/contracts';
import { Outbox } from '@trialstream/platform';
import { KnownTrial, saveIfNewerProtocol } from '@trialstream/trial-mirror';
import { In, type EntityManager } from 'typeorm';
import { enrollmentPolicyFrom, type EnrollmentPolicy } from '../domain/enrollment-policy';
import { amendmentClosesEnrollment } from '../domain/enrollment-rules';
import { owesNewReconsent } from '../domain/reconsent';
import { enrolledCount } from '../persistence/enrolled-count';
import { SubjectRecord } from '../persistence/subject.entity';
import { TrialEnrollmentPolicy } from '../persistence/trial-enrollment-policy.entity';

/**
 * Keeps this service's part of the newest protocol version of each trial; closes enrollment when an
 * amendment's target is already met, and asks enrolled subjects to re-consent when it changes the consent form.
 */
@Injectable()
export class EnrollmentPolicies {
  private readonly logger = new Logger(EnrollmentPolicies.name);

  constructor(private readonly outbox: Outbox) {}

  async follow(tx: EntityManager, published: ProtocolVersionPublishedPayload): Promise<void> {
    const policy = enrollmentPolicyFrom(published);
    // Locked before the save, so an enrollment racing the amendment counts against one target or the other.
    const previous = await tx.getRepository(TrialEnrollmentPolicy).findOne({ where: { trialId: policy.trialId }, lock: { mode: 'pessimistic_write' } });
    if (!(await saveIfNewerProtocol(tx, TrialEnrollmentPolicy, policy))) return;
    await this.requireReconsents(tx, policy);

    const enrolled = await enrolledCount(tx, policy.trialId);
    const trial = await tx.getRepository(KnownTrial).findOneBy({ trialId: policy.trialId });
    if (!amendmentClosesEnrollment(trial?.overallStatus, enrolled, previous?.enrollmentTarget, policy.enrollmentTarget)) return;
    this.logger.log({ message: 'the amended target is already met: enrollment closes', trialId: policy.trialId, enrolled, target: policy.enrollmentTarget });
    await this.outbox.enqueue(tx, EnrollmentClosed, {
      trialId: policy.trialId,
      payload: { enrolled, target: policy.enrollmentTarget, reason: 'TARGET_REACHED', protocolVersion: policy.protocolVersion },
    });
  }

  /** Each enrolled subject who has not signed this version's consent form owes a re-consent; ReconsentRequired tells infusion tracking. */
  private async requireReconsents(tx: EntityManager, policy: EnrollmentPolicy): Promise<void> {
    const subjects = tx.getRepository(SubjectRecord);
    const { trialId, protocolVersion, informedConsentVersion } = policy;
    const enrolled = await subjects.find({ where: { trialId, status: 'ENROLLED' }, lock: { mode: 'pessimistic_write' } });
    const owing = enrolled.filter((subject) => owesNewReconsent(subject, informedConsentVersion)).map((s) => s.subjectId);
    if (owing.length === 0) return;
    await subjects.update({ trialId, subjectId: In(owing) }, { reconsentRequiredVersion: informedConsentVersion, reconsentRequiredUnder: protocolVersion });
    for (const subjectId of owing) {
      await this.outbox.enqueue(tx, ReconsentRequired, { trialId, subjectId, payload: { subjectId, protocolVersion, requiredConsentVersion: informedConsentVersion } });
    }
    this.logger.log({ message: 'the consent form changed: enrolled subjects owe a re-consent', trialId, protocolVersion, subjects: owing.length });
  }
}
