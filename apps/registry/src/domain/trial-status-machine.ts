import { RuleViolationError, type TrialStatus } from '@trialstream/contracts';

/**
 * Which overall status may follow which, in ClinicalTrials.gov's meaning. COMPLETED, TERMINATED,
 * WITHDRAWN and NO_LONGER_AVAILABLE / APPROVED_FOR_MARKETING end a trial. UNKNOWN is what the
 * registry shows when a status was not verified in time: the platform never moves a trial into it,
 * and any verified status may follow it. Expanded-access statuses stay among themselves.
 */
const TRANSITIONS: Record<TrialStatus, readonly TrialStatus[]> = {
  NOT_YET_RECRUITING: ['RECRUITING', 'ENROLLING_BY_INVITATION', 'SUSPENDED', 'WITHDRAWN'],
  RECRUITING: ['ENROLLING_BY_INVITATION', 'ACTIVE_NOT_RECRUITING', 'SUSPENDED', 'TERMINATED', 'COMPLETED'],
  ENROLLING_BY_INVITATION: ['RECRUITING', 'ACTIVE_NOT_RECRUITING', 'SUSPENDED', 'TERMINATED', 'COMPLETED'],
  ACTIVE_NOT_RECRUITING: ['RECRUITING', 'SUSPENDED', 'TERMINATED', 'COMPLETED'],
  SUSPENDED: ['RECRUITING', 'ENROLLING_BY_INVITATION', 'ACTIVE_NOT_RECRUITING', 'TERMINATED'],
  TERMINATED: [],
  COMPLETED: [],
  WITHDRAWN: [],
  UNKNOWN: ['NOT_YET_RECRUITING', 'RECRUITING', 'ENROLLING_BY_INVITATION', 'ACTIVE_NOT_RECRUITING', 'SUSPENDED', 'TERMINATED', 'COMPLETED', 'WITHDRAWN'],
  AVAILABLE: ['TEMPORARILY_NOT_AVAILABLE', 'NO_LONGER_AVAILABLE', 'APPROVED_FOR_MARKETING'],
  TEMPORARILY_NOT_AVAILABLE: ['AVAILABLE', 'NO_LONGER_AVAILABLE', 'APPROVED_FOR_MARKETING'],
  NO_LONGER_AVAILABLE: [],
  APPROVED_FOR_MARKETING: [],
  WITHHELD: ['AVAILABLE', 'NO_LONGER_AVAILABLE'],
};

export function allowedNextStatuses(from: TrialStatus): readonly TrialStatus[] {
  return TRANSITIONS[from];
}

/** A trial in one of these takes no new protocol version. */
export function isClosed(status: TrialStatus): boolean {
  return TRANSITIONS[status].length === 0;
}

/**
 * The role that alone may decide a change, if one must: a suspended trial (on safety grounds or
 * not) resumes only on the data and safety monitoring board's word; anyone allowed may terminate it.
 */
export function decidingRole(from: TrialStatus, to: TrialStatus): 'dsmb' | undefined {
  return from === 'SUSPENDED' && to !== 'TERMINATED' ? 'dsmb' : undefined;
}

/** Throws, naming the allowed next statuses, unless `to` may follow `from`. */
export function assertStatusTransition(from: TrialStatus, to: TrialStatus): void {
  if (TRANSITIONS[from].includes(to)) return;
  const allowed = TRANSITIONS[from];
  const message =
    from === to
      ? `the trial is already ${to}`
      : `a trial cannot move from ${from} to ${to} (allowed: ${allowed.length ? allowed.join(', ') : 'none, it is closed'})`;
  throw RuleViolationError.of('status', 'allowedTransition', message, 'conflict');
}
