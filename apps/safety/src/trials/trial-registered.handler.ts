import { Injectable } from '@nestjs/common';
import { TrialRegistered, type EventOf, type TrialRegisteredPayload } from '@trialstream/contracts';
import type { EventHandler } from '@trialstream/platform';
import type { EntityManager } from 'typeorm';
import { safetyPolicyFrom } from '../domain/safety-policy';
import { TrialSafetyPolicy } from '../persistence/trial-safety-policy.entity';

@Injectable()
export class TrialRegisteredHandler implements EventHandler<TrialRegisteredPayload> {
  readonly contract = TrialRegistered;

  async handle(event: EventOf<typeof TrialRegistered>, tx: EntityManager): Promise<void> {
    const policy = safetyPolicyFrom(event.payload);
    if (policy) await tx.getRepository(TrialSafetyPolicy).upsert(policy, ['trialId']);
  }
}
