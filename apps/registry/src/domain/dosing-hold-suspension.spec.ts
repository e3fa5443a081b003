import { TRIAL_STATUSES, type TrialStatus } from '@trialstream/contracts';
import { suspendForDosingHold } from './dosing-hold-suspension';

const applied = { outcome: 'APPLIED', status: 'SUSPENDED' };
const closed = (status: TrialStatus) => ({ outcome: 'NOT_APPLIED', reason: `the trial is ${status}: it is closed` });
const notSuspendable = (status: TrialStatus) => ({ outcome: 'NOT_APPLIED', reason: `a trial that is ${status} cannot be suspended` });

/** Every status, written out: a status added to the contract fails to compile here until it is decided. */
const EXPECTED: Record<TrialStatus, object> = {
  NOT_YET_RECRUITING: applied,
  RECRUITING: applied,
  ENROLLING_BY_INVITATION: applied,
  ACTIVE_NOT_RECRUITING: applied,
  UNKNOWN: applied,
  SUSPENDED: { outcome: 'NOT_APPLIED', reason: 'the trial is SUSPENDED already' },
  TERMINATED: closed('TERMINATED'),
  COMPLETED: closed('COMPLETED'),
  WITHDRAWN: closed('WITHDRAWN'),
  NO_LONGER_AVAILABLE: closed('NO_LONGER_AVAILABLE'),
  APPROVED_FOR_MARKETING: closed('APPROVED_FOR_MARKETING'),
  AVAILABLE: notSuspendable('AVAILABLE'),
  TEMPORARILY_NOT_AVAILABLE: notSuspendable('TEMPORARILY_NOT_AVAILABLE'),
  WITHHELD: notSuspendable('WITHHELD'),
};

describe('suspendForDosingHold: what a trial-wide dosing hold does to a trial in each status', () => {
  it.each(TRIAL_STATUSES)('%s', (status) => {
    expect(suspendForDosingHold(status)).toEqual(EXPECTED[status]);
  });
});
