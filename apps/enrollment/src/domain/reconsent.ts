import { compareCalendarDates, RuleViolationError, type CalendarDate } from '@trialstream/contracts';
import type { SubjectStatus } from './enrollment-rules';

export interface ConsentState {
  status: SubjectStatus;
  consentVersion: string | null;
  /** The form version the subject owes a re-consent to, if any. */
  reconsentRequiredVersion: string | null;
}

/**
 * Whether a protocol version whose consent form is `requiredConsentVersion` makes a subject owe a
 * (new) re-consent: an enrolled subject who has not signed that form, and is not already asked to.
 * Screened subjects consent to the form in force before they enroll anyway.
 */
export function owesNewReconsent(subject: ConsentState, requiredConsentVersion: string): boolean {
  return (
    subject.status === 'ENROLLED' &&
    subject.consentVersion !== requiredConsentVersion &&
    subject.reconsentRequiredVersion !== requiredConsentVersion
  );
}

/** `today` is the day at the subject's site. */
export function assertCanReconsent(subject: ConsentState, consentVersion: string, consentDate: CalendarDate, required: string, today: CalendarDate): void {
  if (subject.status !== 'ENROLLED') {
    throw RuleViolationError.of('subjectId', 'enrolled', `only an enrolled subject re-consents (this one is ${subject.status.toLowerCase()})`, 'conflict');
  }
  if (subject.reconsentRequiredVersion === null) {
    throw RuleViolationError.of('subjectId', 'reconsentRequired', `the subject owes no re-consent (signed form version ${subject.consentVersion})`, 'conflict');
  }
  if (consentVersion !== required) {
    throw RuleViolationError.of('consentVersion', 'currentVersion', `re-consent must be to the current form, version ${required} (given ${consentVersion})`);
  }
  if (compareCalendarDates(consentDate, today) > 0) throw RuleViolationError.of('consentDate', 'notInFuture', `consentDate ${consentDate} is in the future`);
}
