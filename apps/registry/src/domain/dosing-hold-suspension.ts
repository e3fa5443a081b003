import type { TrialStatus } from '@trialstream/contracts';
import { allowedNextStatuses, isClosed } from './trial-status-machine';

/** What the registry does with safety's news of a trial-wide dosing hold. */
export type DosingHoldSuspension = { outcome: 'APPLIED'; status: 'SUSPENDED' } | { outcome: 'NOT_APPLIED'; reason: string };

/**
 * A trial-wide dosing hold suspends the trial wherever a suspension is an allowed move. A trial
 * already suspended stays as it is (the hold is recorded beside the suspension), and a closed one
 * cannot be suspended.
 */
export function suspendForDosingHold(status: TrialStatus): DosingHoldSuspension {
  if (allowedNextStatuses(status).includes('SUSPENDED')) return { outcome: 'APPLIED', status: 'SUSPENDED' };
  if (status === 'SUSPENDED') return { outcome: 'NOT_APPLIED', reason: 'the trial is SUSPENDED already' };
  if (isClosed(status)) return { outcome: 'NOT_APPLIED', reason: `the trial is ${status}: it is closed` };
  return { outcome: 'NOT_APPLIED', reason: `a trial that is ${status} cannot be suspended` };
}
