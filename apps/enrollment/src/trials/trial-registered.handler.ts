import { Injectable } from '@nestjs/common';
import { TrialRegistered, type EventOf, type TrialRegisteredPayload } from '@trialstream/contracts';
import type { EventHandler } from '@trialstream/platform';
import type { EntityManager } from 'typeorm';
import { enrollmentPolicyFrom } from '../domain/enrollment-policy';
import { TrialEnrollmentPolicy } from '../persistence/trial-enrollment-policy.entity';

@Injectable()
export class TrialRegisteredHandler implements EventHandler<TrialRegisteredPayload> {
  readonly contract = TrialRegistered;

  async handle(event: EventOf<typeof TrialRegistered>, tx: EntityManager): Promise<void> {
    const policy = enrollmentPolicyFrom(event.payload);
    if (policy) await tx.getRepository(TrialEnrollmentPolicy).upsert(policy, ['trialId']);
  }
}
