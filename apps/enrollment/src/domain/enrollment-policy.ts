import type { EligibilityRules, TrialRegisteredPayload } from '@trialstream/contracts';

/** What enrollment needs of a protocol: who may enter, and how many. */
export interface EnrollmentPolicy {
  trialId: string;
  protocolVersion: number;
  overallStatus: string;
  enrollmentTarget: number;
  eligibility: EligibilityRules;
}

/** Null for a trial registered without an executable protocol: nobody can be enrolled in it yet. */
export function enrollmentPolicyFrom(trial: TrialRegisteredPayload): EnrollmentPolicy | null {
  if (!trial.protocol) return null;
  return {
    trialId: trial.nctId,
    protocolVersion: trial.protocol.version,
    overallStatus: trial.overallStatus,
    enrollmentTarget: trial.protocol.enrollmentTarget,
    eligibility: trial.protocol.eligibility,
  };
}
