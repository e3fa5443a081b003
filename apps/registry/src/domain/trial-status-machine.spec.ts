import { RuleViolationError, TRIAL_STATUSES, type TrialStatus } from '@trialstream/contracts';
import { allowedNextStatuses, assertStatusTransition, isClosed } from './trial-status-machine';

/** The allowed transitions, written out pair by pair independently of the implementation's table. */
const ALLOWED = new Set([
  'NOT_YET_RECRUITING>RECRUITING', 'NOT_YET_RECRUITING>ENROLLING_BY_INVITATION', 'NOT_YET_RECRUITING>SUSPENDED', 'NOT_YET_RECRUITING>WITHDRAWN',
  'RECRUITING>ENROLLING_BY_INVITATION', 'RECRUITING>ACTIVE_NOT_RECRUITING', 'RECRUITING>SUSPENDED', 'RECRUITING>TERMINATED', 'RECRUITING>COMPLETED',
  'ENROLLING_BY_INVITATION>RECRUITING', 'ENROLLING_BY_INVITATION>ACTIVE_NOT_RECRUITING', 'ENROLLING_BY_INVITATION>SUSPENDED',
  'ENROLLING_BY_INVITATION>TERMINATED', 'ENROLLING_BY_INVITATION>COMPLETED',
  'ACTIVE_NOT_RECRUITING>RECRUITING', 'ACTIVE_NOT_RECRUITING>SUSPENDED', 'ACTIVE_NOT_RECRUITING>TERMINATED', 'ACTIVE_NOT_RECRUITING>COMPLETED',
  'SUSPENDED>RECRUITING', 'SUSPENDED>ENROLLING_BY_INVITATION', 'SUSPENDED>ACTIVE_NOT_RECRUITING', 'SUSPENDED>TERMINATED',
  'UNKNOWN>NOT_YET_RECRUITING', 'UNKNOWN>RECRUITING', 'UNKNOWN>ENROLLING_BY_INVITATION', 'UNKNOWN>ACTIVE_NOT_RECRUITING',
  'UNKNOWN>SUSPENDED', 'UNKNOWN>TERMINATED', 'UNKNOWN>COMPLETED', 'UNKNOWN>WITHDRAWN',
  'AVAILABLE>TEMPORARILY_NOT_AVAILABLE', 'AVAILABLE>NO_LONGER_AVAILABLE', 'AVAILABLE>APPROVED_FOR_MARKETING',
  'TEMPORARILY_NOT_AVAILABLE>AVAILABLE', 'TEMPORARILY_NOT_AVAILABLE>NO_LONGER_AVAILABLE', 'TEMPORARILY_NOT_AVAILABLE>APPROVED_FOR_MARKETING',
  'WITHHELD>AVAILABLE', 'WITHHELD>NO_LONGER_AVAILABLE',
]);

const pairs = TRIAL_STATUSES.flatMap((from) => TRIAL_STATUSES.map((to) => [from, to] as [TrialStatus, TrialStatus]));

describe('trial status machine', () => {
  it.each(pairs.filter(([from, to]) => ALLOWED.has(`${from}>${to}`)))('allows %s -> %s', (from: TrialStatus, to: TrialStatus) => {
    expect(() => assertStatusTransition(from, to)).not.toThrow();
  });

  it.each(pairs.filter(([from, to]) => !ALLOWED.has(`${from}>${to}`)))('rejects %s -> %s as a conflict', (from: TrialStatus, to: TrialStatus) => {
    let thrown: unknown;
    try {
      assertStatusTransition(from, to);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RuleViolationError);
    expect(thrown).toMatchObject({ kind: 'conflict', violations: [{ field: 'status', rule: 'allowedTransition' }] });
  });

  it('names the allowed next statuses when it refuses', () => {
    expect(() => assertStatusTransition('RECRUITING', 'WITHDRAWN')).toThrow(
      'a trial cannot move from RECRUITING to WITHDRAWN (allowed: ENROLLING_BY_INVITATION, ACTIVE_NOT_RECRUITING, SUSPENDED, TERMINATED, COMPLETED)',
    );
    expect(() => assertStatusTransition('SUSPENDED', 'SUSPENDED')).toThrow('the trial is already SUSPENDED');
    expect(() => assertStatusTransition('COMPLETED', 'RECRUITING')).toThrow('allowed: none, it is closed');
  });

  it('never moves a trial into UNKNOWN, and closes trials that are completed, terminated or withdrawn', () => {
    for (const status of TRIAL_STATUSES) expect(allowedNextStatuses(status)).not.toContain('UNKNOWN');
    expect(TRIAL_STATUSES.filter(isClosed)).toEqual(['TERMINATED', 'COMPLETED', 'WITHDRAWN', 'NO_LONGER_AVAILABLE', 'APPROVED_FOR_MARKETING']);
  });
});
