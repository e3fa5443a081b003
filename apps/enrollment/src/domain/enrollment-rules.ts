import { RuleViolationError, type TrialStatus } from '@trialstream/contracts';

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

export function assertCanConsent(candidate: Candidate, consentVersion: string, consentDate: string, required: string, today: string): void {
  if (candidate.status === 'WITHDRAWN') throw conflict('subjectId', 'notWithdrawn', 'the subject has withdrawn');
  if (consentVersion !== required) {
    throw RuleViolationError.of('consentVersion', 'currentVersion', `consent must be to the current form, version ${required} (given ${consentVersion})`);
  }
  if (consentDate > today) throw RuleViolationError.of('consentDate', 'notInFuture', `consentDate ${consentDate} is in the future`);
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

export function assertCanWithdraw(status: SubjectStatus): void {
  if (status !== 'ENROLLED') throw conflict('subjectId', 'enrolled', `only an enrolled subject can withdraw (this one is ${status.toLowerCase()})`);
}
