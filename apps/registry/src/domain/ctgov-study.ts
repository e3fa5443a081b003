import type { TrialRegisteredPayload, TrialStatus } from '@trialstream/contracts';

/** The part of a ClinicalTrials.gov API v2 study record the registry reads (the rest is kept verbatim). */
export interface CtGovStudy {
  protocolSection: {
    identificationModule: { nctId: string; orgStudyIdInfo?: { id: string }; briefTitle: string; officialTitle?: string };
    statusModule: { overallStatus: TrialStatus };
    sponsorCollaboratorsModule?: { leadSponsor?: { name: string } };
    designModule?: { phases?: string[]; enrollmentInfo?: { count?: number } };
    eligibilityModule?: { eligibilityCriteria?: string };
  };
}

/** What the registry publishes when a trial is imported from its ClinicalTrials.gov record. */
export function registrationFromStudy(study: CtGovStudy): TrialRegisteredPayload {
  const { identificationModule: id, statusModule, sponsorCollaboratorsModule, designModule } = study.protocolSection;
  return {
    trialId: id.nctId,
    orgStudyId: id.orgStudyIdInfo?.id,
    briefTitle: id.briefTitle,
    officialTitle: id.officialTitle,
    phases: designModule?.phases ?? [],
    overallStatus: statusModule.overallStatus,
    leadSponsor: sponsorCollaboratorsModule?.leadSponsor?.name,
  };
}

/** The free-text eligibility criteria, kept beside the structured rules of every protocol version. */
export function eligibilityText(study: CtGovStudy | null): string | undefined {
  return study?.protocolSection.eligibilityModule?.eligibilityCriteria;
}
