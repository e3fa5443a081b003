import { TRIAL_STATUSES, type TrialStatus } from '@trialstream/contracts';
import { closeRecruitment } from './enrollment-closure';

const applied = { outcome: 'APPLIED', status: 'ACTIVE_NOT_RECRUITING' };
const notRecruiting = (status: TrialStatus) => ({ outcome: 'NOT_APPLIED', reason: `the trial is ${status}, not recruiting` });

/** Every status, written out: a status added to the contract fails to compile here until it is decided. */
const EXPECTED: Record<TrialStatus, object> = {
  RECRUITING: applied,
  ENROLLING_BY_INVITATION: applied,
  SUSPENDED: { outcome: 'NOT_APPLIED', reason: 'the trial is SUSPENDED; only a person lifts a suspension' },
  NOT_YET_RECRUITING: notRecruiting('NOT_YET_RECRUITING'),
  ACTIVE_NOT_RECRUITING: notRecruiting('ACTIVE_NOT_RECRUITING'),
  TERMINATED: notRecruiting('TERMINATED'),
  COMPLETED: notRecruiting('COMPLETED'),
  WITHDRAWN: notRecruiting('WITHDRAWN'),
  UNKNOWN: notRecruiting('UNKNOWN'),
  AVAILABLE: notRecruiting('AVAILABLE'),
  TEMPORARILY_NOT_AVAILABLE: notRecruiting('TEMPORARILY_NOT_AVAILABLE'),
  NO_LONGER_AVAILABLE: notRecruiting('NO_LONGER_AVAILABLE'),
  APPROVED_FOR_MARKETING: notRecruiting('APPROVED_FOR_MARKETING'),
  WITHHELD: notRecruiting('WITHHELD'),
};

describe('closeRecruitment: what enrollment closing does to a trial in each status', () => {
  it.each(TRIAL_STATUSES)('%s', (status) => {
    expect(closeRecruitment(status)).toEqual(EXPECTED[status]);
  });
});
