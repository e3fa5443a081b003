import { foundOr404 } from '@trialstream/platform';
import type { EntityManager } from 'typeorm';
import { TrialSafetyPolicy } from '../persistence/trial-safety-policy.entity';

/** A trial this service has no protocol of is unknown here: 404 over HTTP. Locked, it serialises the trial's safety decisions. */
export async function safetyPolicyOr404(manager: EntityManager, trialId: string, lock?: 'pessimistic_write'): Promise<TrialSafetyPolicy> {
  const policy = await manager.getRepository(TrialSafetyPolicy).findOne({ where: { trialId }, ...(lock ? { lock: { mode: lock } } : {}) });
  return foundOr404(policy, `trial ${trialId}`);
}
