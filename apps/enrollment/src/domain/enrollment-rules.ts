import { compareCalendarDates, RuleViolationError, type CalendarDate, type TrialStatus } from '@trialstream/contracts';

export type SubjectStatus = 'SCREENED' | 'ENROLLED' | 'WITHDRAWN';

/** Statuses in which a trial takes new subjects. */
const RECRUITING_STATUSES: readonly TrialStatus[] = ['RECRUITING', 'ENROLLING_BY_INVITATION'];

export interface Candidate {
  status: SubjectStatus;
  eligible: boolean;
  screenedUnderVersion: number;
  consentVersion: string | null;
}

export interface TrialEnrollment {
  trialStatus: TrialStatus;
  protocolVersion: number;
  requiredConsentVersion: string;
  target: number;
  enrolled: number;
}

const conflict = (field: string, rule: string, message: string) => RuleViolationError.of(field, rule, message, 'conflict');

/** A subject already in the trial (or out of it) is not screened again. */
export function assertCanScreen(existing: SubjectStatus | undefined): void {
  if (existing === 'ENROLLED' || existing === 'WITHDRAWN') {
    throw conflict('subjectId', 'notYetEnrolled', `the subject is already ${existing.toLowerCase()}; screening is closed for them`);
  }
}

/** `today` is the day at the subject's site. */
export function assertCanConsent(candidate: Candidate, consentVersion: string, consentDate: CalendarDate, required: string, today: CalendarDate): void {
  if (candidate.status === 'WITHDRAWN') throw conflict('subjectId', 'notWithdrawn', 'the subject has withdrawn');
  if (consentVersion !== required) {
    throw RuleViolationError.of('consentVersion', 'currentVersion', `consent must be to the current form, version ${required} (given ${consentVersion})`);
  }
  if (compareCalendarDates(consentDate, today) > 0) throw RuleViolationError.of('consentDate', 'notInFuture', `consentDate ${consentDate} is in the future`);
}

/**
 * Enrolls only an eligible subject, screened under the protocol version in force, who consented to
 * its current form, while the trial recruits and is below its target.
 */
export function assertCanEnroll(candidate: Candidate, trial: TrialEnrollment): void {
  if (!RECRUITING_STATUSES.includes(trial.trialStatus)) {
    throw conflict('trial', 'recruiting', `the trial is ${trial.trialStatus}, not recruiting`);
  }
  if (candidate.status !== 'SCREENED') throw conflict('subjectId', 'screenedOnly', `the subject is already ${candidate.status.toLowerCase()}`);
  if (!candidate.eligible) throw conflict('eligibility', 'eligible', 'the subject was screened not eligible');
  if (candidate.screenedUnderVersion !== trial.protocolVersion) {
    throw conflict(
      'eligibility',
      'currentProtocol',
      `screened under protocol version ${candidate.screenedUnderVersion}; re-screen under version ${trial.protocolVersion}`,
    );
  }
  if (candidate.consentVersion !== trial.requiredConsentVersion) {
    throw conflict('consent', 'currentVersion', `no consent to the current form, version ${trial.requiredConsentVersion}`);
  }
  if (trial.enrolled >= trial.target) {
    throw conflict('trial', 'belowTarget', `enrollment is closed: ${trial.enrolled} of ${trial.target} subjects enrolled`);
  }
}

/** The enrollment that reaches the target closes enrollment. */
export function closesEnrollment(enrolledAfter: number, target: number): boolean {
  return enrolledAfter === target;
}

/**
 * An amendment that lowers the target to or below the number already enrolled closes enrollment,
 * as reaching the target does; one that finds enrollment already closed closes nothing again.
 */
export function amendmentClosesEnrollment(trialStatus: TrialStatus | undefined, enrolled: number, previousTarget: number | undefined, newTarget: number): boolean {
  const wasOpen = trialStatus !== undefined && RECRUITING_STATUSES.includes(trialStatus) && (previousTarget === undefined || enrolled < previousTarget);
  return wasOpen && enrolled >= newTarget;
}

/** `today` is the day at the subject's site. */
export function assertCanWithdraw(status: SubjectStatus, withdrawalDate: CalendarDate, today: CalendarDate): void {
  if (status !== 'ENROLLED') throw conflict('subjectId', 'enrolled', `only an enrolled subject can withdraw (this one is ${status.toLowerCase()})`);
  if (compareCalendarDates(withdrawalDate, today) > 0) {
    throw RuleViolationError.of('withdrawalDate', 'notInFuture', `withdrawalDate ${withdrawalDate} is in the future`);
  }
}
