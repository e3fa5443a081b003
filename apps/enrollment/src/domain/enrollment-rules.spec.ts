import { refusalOf } from '@trialstream/testing';
import {
  amendmentClosesEnrollment, assertCanConsent, assertCanEnroll, assertCanScreen, assertCanWithdraw, closesEnrollment, type Candidate, type TrialEnrollment,
} from './enrollment-rules';

const candidate: Candidate = { status: 'SCREENED', eligible: true, screenedUnderVersion: 2, consentVersion: '2.0' };
const trial: TrialEnrollment = { trialStatus: 'RECRUITING', protocolVersion: 2, requiredConsentVersion: '2.0', target: 30, enrolled: 29 };

const refusal = (run: () => unknown) => refusalOf(run);

describe('enrollment rules', () => {
  it('enrolls the 30th subject of 30 and refuses the 31st', () => {
    expect(refusal(() => assertCanEnroll(candidate, trial))).toBe('accepted');
    expect(refusal(() => assertCanEnroll(candidate, { ...trial, enrolled: 30 }))).toBe('belowTarget');
    expect(() => assertCanEnroll(candidate, { ...trial, enrolled: 30 })).toThrow('enrollment is closed: 30 of 30 subjects enrolled');
  });

  it('closes enrollment exactly when the target is reached', () => {
    expect([29, 30].map((n) => closesEnrollment(n, 30))).toEqual([false, true]);
  });

  it.each(['NOT_YET_RECRUITING', 'SUSPENDED', 'ACTIVE_NOT_RECRUITING', 'COMPLETED', 'UNKNOWN'] as const)('refuses while the trial is %s', (trialStatus: TrialEnrollment['trialStatus']) => {
    expect(refusal(() => assertCanEnroll(candidate, { ...trial, trialStatus }))).toBe('recruiting');
  });

  it('takes subjects while the trial enrolls by invitation', () => {
    expect(refusal(() => assertCanEnroll(candidate, { ...trial, trialStatus: 'ENROLLING_BY_INVITATION' }))).toBe('accepted');
  });

  it('refuses a subject who is not eligible, was screened under another protocol version, or has not consented to the current form', () => {
    expect(refusal(() => assertCanEnroll({ ...candidate, eligible: false }, trial))).toBe('eligible');
    expect(refusal(() => assertCanEnroll({ ...candidate, screenedUnderVersion: 1 }, trial))).toBe('currentProtocol');
    expect(refusal(() => assertCanEnroll({ ...candidate, consentVersion: null }, trial))).toBe('currentVersion');
    expect(refusal(() => assertCanEnroll({ ...candidate, consentVersion: '1.0' }, trial))).toBe('currentVersion');
  });

  it('refuses to enroll twice or after withdrawal', () => {
    expect(refusal(() => assertCanEnroll({ ...candidate, status: 'ENROLLED' }, trial))).toBe('screenedOnly');
    expect(refusal(() => assertCanEnroll({ ...candidate, status: 'WITHDRAWN' }, trial))).toBe('screenedOnly');
  });

  it('records consent only to the current form version, dated today or earlier', () => {
    expect(refusal(() => assertCanConsent(candidate, '2.0', '2015-06-01', '2.0', '2015-06-01'))).toBe('accepted');
    expect(refusal(() => assertCanConsent(candidate, '1.0', '2015-06-01', '2.0', '2015-06-01'))).toBe('currentVersion');
    expect(refusal(() => assertCanConsent(candidate, '2.0', '2015-06-02', '2.0', '2015-06-01'))).toBe('notInFuture');
    expect(refusal(() => assertCanConsent({ ...candidate, status: 'WITHDRAWN' }, '2.0', '2015-06-01', '2.0', '2015-06-01'))).toBe('notWithdrawn');
  });

  it('screens again only a subject not yet enrolled, and withdraws only an enrolled one', () => {
    expect([undefined, 'SCREENED' as const].map((s) => refusal(() => assertCanScreen(s)))).toEqual(['accepted', 'accepted']);
    expect(refusal(() => assertCanScreen('ENROLLED'))).toBe('notYetEnrolled');
    expect(refusal(() => assertCanWithdraw('ENROLLED', '2015-07-01', '2015-07-01'))).toBe('accepted');
    expect(refusal(() => assertCanWithdraw('SCREENED', '2015-07-01', '2015-07-01'))).toBe('enrolled');
  });

  it('records a withdrawal dated today or earlier at the site', () => {
    expect(refusal(() => assertCanWithdraw('ENROLLED', '2015-06-30', '2015-07-01'))).toBe('accepted');
    expect(refusal(() => assertCanWithdraw('ENROLLED', '2015-07-02', '2015-07-01'))).toBe('notInFuture');
  });

  it('closes enrollment when an amendment lowers the target to or below those enrolled, once, and only while recruiting', () => {
    expect(amendmentClosesEnrollment('RECRUITING', 12, 30, 13)).toBe(false);
    expect(amendmentClosesEnrollment('RECRUITING', 12, 30, 12)).toBe(true);
    expect(amendmentClosesEnrollment('RECRUITING', 12, 30, 10)).toBe(true);
    expect(amendmentClosesEnrollment('ENROLLING_BY_INVITATION', 12, 30, 10)).toBe(true);
    // Already closed at the old target: nothing closes again.
    expect(amendmentClosesEnrollment('RECRUITING', 30, 30, 20)).toBe(false);
    // A first protocol version finds nobody enrolled.
    expect(amendmentClosesEnrollment('RECRUITING', 0, undefined, 30)).toBe(false);
    expect(amendmentClosesEnrollment('SUSPENDED', 12, 30, 10)).toBe(false);
    expect(amendmentClosesEnrollment(undefined, 12, 30, 10)).toBe(false);
  });
});
