import { Injectable, Logger } from '@nestjs/common';
import { EnrollmentClosed, type ProtocolVersionPublishedPayload } from '@trialstream/contracts';
import { Outbox } from '@trialstream/platform';
import { KnownTrial, saveIfNewerProtocol } from '@trialstream/trial-mirror';
import type { EntityManager } from 'typeorm';
import { enrollmentPolicyFrom } from '../domain/enrollment-policy';
import { amendmentClosesEnrollment } from '../domain/enrollment-rules';
import { enrolledCount } from '../persistence/enrolled-count';
import { TrialEnrollmentPolicy } from '../persistence/trial-enrollment-policy.entity';

/** Keeps this service's part of the newest protocol version of each trial, and closes enrollment when an amendment's target is already met. */
@Injectable()
export class EnrollmentPolicies {
  private readonly logger = new Logger(EnrollmentPolicies.name);

  constructor(private readonly outbox: Outbox) {}

  async follow(tx: EntityManager, published: ProtocolVersionPublishedPayload): Promise<void> {
    const policy = enrollmentPolicyFrom(published);
    // Locked before the save, so an enrollment racing the amendment counts against one target or the other.
    const previous = await tx.getRepository(TrialEnrollmentPolicy).findOne({ where: { trialId: policy.trialId }, lock: { mode: 'pessimistic_write' } });
    if (!(await saveIfNewerProtocol(tx, TrialEnrollmentPolicy, policy))) return;

    const enrolled = await enrolledCount(tx, policy.trialId);
    const trial = await tx.getRepository(KnownTrial).findOneBy({ trialId: policy.trialId });
    if (!amendmentClosesEnrollment(trial?.overallStatus, enrolled, previous?.enrollmentTarget, policy.enrollmentTarget)) return;
    this.logger.log({ message: 'the amended target is already met: enrollment closes', trialId: policy.trialId, enrolled, target: policy.enrollmentTarget });
    await this.outbox.enqueue(tx, EnrollmentClosed, {
      trialId: policy.trialId,
      payload: { enrolled, target: policy.enrollmentTarget, reason: 'TARGET_REACHED', protocolVersion: policy.protocolVersion },
    });
  }
}
