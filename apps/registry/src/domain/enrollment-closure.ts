import type { TrialStatus } from '@trialstream/contracts';

/** What the registry does with enrollment's news that the trial reached its enrollment target. */
export type EnrollmentClosureOutcome =
  | { outcome: 'APPLIED'; status: 'ACTIVE_NOT_RECRUITING' }
  | { outcome: 'NOT_APPLIED'; reason: string };

const RECRUITING: readonly TrialStatus[] = ['RECRUITING', 'ENROLLING_BY_INVITATION'];

/**
 * Only a recruiting trial stops recruiting because enrollment closed. Enrollment decides from its
 * copy of the status, which may lag: a trial suspended meanwhile stays SUSPENDED, since only a
 * person lifts a suspension, and any other status is not enrollment's to change either.
 */
export function closeRecruitment(status: TrialStatus): EnrollmentClosureOutcome {
  if (RECRUITING.includes(status)) return { outcome: 'APPLIED', status: 'ACTIVE_NOT_RECRUITING' };
  if (status === 'SUSPENDED') return { outcome: 'NOT_APPLIED', reason: 'the trial is SUSPENDED; only a person lifts a suspension' };
  return { outcome: 'NOT_APPLIED', reason: `the trial is ${status}, not recruiting` };
}
