import { refusalOf } from '@trialstream/testing';
import { assertCanRecordFollowUpVisit, type HeldFollowUpVisit } from './recording';

const visit: HeldFollowUpVisit = { number: 2, plannedDate: '2015-10-26', windowOpens: '2015-10-19', windowCloses: '2015-11-02', status: 'PLANNED' };

const refusal = (run: () => unknown) => refusalOf(run, { withKind: true });

describe('recording a follow-up visit', () => {
  it('records a planned visit dated today or earlier at the site, inside its window or not', () => {
    expect(refusal(() => assertCanRecordFollowUpVisit(visit, 2, false, '2015-10-26', '2015-10-26'))).toBe('accepted');
    expect(refusal(() => assertCanRecordFollowUpVisit(visit, 2, false, '2015-11-10', '2015-11-12'))).toBe('accepted');
  });

  it('refuses a visit the plan does not have, or a date still to come, as invalid input', () => {
    expect(refusal(() => assertCanRecordFollowUpVisit(undefined, 9, false, '2015-10-26', '2015-10-26'))).toBe('invalid plannedVisit');
    expect(refusal(() => assertCanRecordFollowUpVisit(visit, 2, false, '2015-10-27', '2015-10-26'))).toBe('invalid notInFuture');
  });

  it('refuses a visit recorded already, or cancelled, as a conflict', () => {
    expect(refusal(() => assertCanRecordFollowUpVisit(visit, 2, true, '2015-10-26', '2015-10-26'))).toBe('conflict recordedOnce');
    expect(refusal(() => assertCanRecordFollowUpVisit({ ...visit, status: 'CANCELLED' }, 2, false, '2015-10-26', '2015-10-26'))).toBe('conflict notCancelled');
  });
});
