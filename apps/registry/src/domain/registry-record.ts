import type { EligibilityRules, ProtocolDefinition, TrialRegisteredPayload } from '@trialstream/contracts';

/** The part of a ClinicalTrials.gov API v2 study record the registry reads. */
export interface CtGovStudy {
  protocolSection: {
    identificationModule: { nctId: string; orgStudyIdInfo?: { id: string }; briefTitle: string; officialTitle?: string };
    statusModule: { overallStatus: string };
    sponsorCollaboratorsModule?: { leadSponsor?: { name: string } };
    designModule?: { phases?: string[] };
    eligibilityModule?: { eligibilityCriteria?: string };
  };
}

/** A protocol as the sponsor writes it: the free-text criteria come from the registry record. */
export type ProtocolDraft = Omit<ProtocolDefinition, 'eligibility'> & { eligibility: Omit<EligibilityRules, 'criteriaText'> };

/**
 * Builds what the registry publishes about a trial from its registry record and, when it has one,
 * its executable protocol. The original eligibility text travels with the structured rules.
 */
export function trialRegistration(study: CtGovStudy, protocol?: ProtocolDraft): TrialRegisteredPayload {
  const { identificationModule: id, statusModule, sponsorCollaboratorsModule, designModule, eligibilityModule } =
    study.protocolSection;
  return {
    nctId: id.nctId,
    orgStudyId: id.orgStudyIdInfo?.id,
    briefTitle: id.briefTitle,
    officialTitle: id.officialTitle,
    phases: designModule?.phases ?? [],
    overallStatus: statusModule.overallStatus,
    leadSponsor: sponsorCollaboratorsModule?.leadSponsor?.name,
    protocol: protocol && {
      ...protocol,
      eligibility: { ...protocol.eligibility, criteriaText: eligibilityModule?.eligibilityCriteria ?? '' },
    },
  };
}
