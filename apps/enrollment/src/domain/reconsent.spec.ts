import { refusalOf } from '@trialstream/testing';
import { assertCanReconsent, owesNewReconsent, type ConsentState } from './reconsent';

const enrolled: ConsentState = { status: 'ENROLLED', consentVersion: '1.0', reconsentRequiredVersion: null };
const owing: ConsentState = { ...enrolled, reconsentRequiredVersion: '2.0' };

const refusal = (run: () => unknown) => refusalOf(run);

describe('re-consent', () => {
  it('asks an enrolled subject to re-consent when a new version changes the consent form, once per form version', () => {
    expect(owesNewReconsent(enrolled, '2.0')).toBe(true);
    expect(owesNewReconsent(enrolled, '1.0')).toBe(false);
    expect(owesNewReconsent(owing, '2.0')).toBe(false);
    expect(owesNewReconsent(owing, '3.0')).toBe(true);
  });

  it('asks no screened or withdrawn subject: they consent to the form in force before enrolling, or are gone', () => {
    expect(owesNewReconsent({ ...enrolled, status: 'SCREENED' }, '2.0')).toBe(false);
    expect(owesNewReconsent({ ...enrolled, status: 'WITHDRAWN' }, '2.0')).toBe(false);
  });

  it('records a re-consent of a subject who owes one, to the current form, dated today or earlier at the site', () => {
    expect(refusal(() => assertCanReconsent(owing, '2.0', '2015-09-01', '2.0', '2015-09-01'))).toBe('accepted');
    expect(refusal(() => assertCanReconsent(owing, '1.0', '2015-09-01', '2.0', '2015-09-01'))).toBe('currentVersion');
    expect(refusal(() => assertCanReconsent(owing, '2.0', '2015-09-02', '2.0', '2015-09-01'))).toBe('notInFuture');
  });

  it('refuses a re-consent nobody asked for, and one of a subject not enrolled, as conflicts', () => {
    expect(refusal(() => assertCanReconsent(enrolled, '1.0', '2015-09-01', '1.0', '2015-09-01'))).toBe('reconsentRequired');
    expect(refusal(() => assertCanReconsent({ ...owing, status: 'WITHDRAWN' }, '2.0', '2015-09-01', '2.0', '2015-09-01'))).toBe('enrolled');
    expect(() => assertCanReconsent(enrolled, '1.0', '2015-09-01', '1.0', '2015-09-01')).toThrow(expect.objectContaining({ kind: 'conflict' }));
  });
});
