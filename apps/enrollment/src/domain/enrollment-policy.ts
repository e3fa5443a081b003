import type { EligibilityRules, ProtocolVersionPublishedPayload, TrialSite } from '@trialstream/contracts';

/** What enrollment needs of a protocol version: who may enter, and how many. */
export interface EnrollmentPolicy {
  trialId: string;
  protocolVersion: number;
  enrollmentTarget: number;
  informedConsentVersion: string;
  eligibility: EligibilityRules;
  /** Null when the protocol lists no sites. */
  sites: TrialSite[] | null;
}

export function enrollmentPolicyFrom({ trialId, protocol }: ProtocolVersionPublishedPayload): EnrollmentPolicy {
  return {
    trialId: trialId,
    protocolVersion: protocol.version,
    enrollmentTarget: protocol.enrollmentTarget,
    informedConsentVersion: protocol.informedConsentVersion,
    eligibility: protocol.eligibility,
    sites: protocol.sites ?? null,
  };
}
