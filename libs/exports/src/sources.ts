import type { AdverseEventReport, TrialStatus } from '@trialstream/contracts';

/** The trial as the registry's `GET /trials/{id}` answers it (the parts an export reads). */
export interface RegisteredTrial {
  trialId: string;
  orgStudyId: string | null;
  briefTitle: string;
  officialTitle: string | null;
  phases: string[];
  overallStatus: TrialStatus;
  leadSponsor: string | null;
  registryRecord: {
    protocolSection: {
      conditionsModule?: { conditions?: string[] };
      designModule?: { enrollmentInfo?: { count?: number } };
      armsInterventionsModule?: { interventions?: { name: string }[] };
    };
  } | null;
}

/** A subject as enrollment's `GET /trials/{id}/subjects` answers it. */
export interface TrialSubject {
  subjectId: string;
  siteId: string;
  status: 'SCREENED' | 'ENROLLED' | 'WITHDRAWN';
  eligible: boolean;
  /** ISO timestamp. */
  screenedAt: string;
  consentDate: string | null;
  enrollmentNumber: number | null;
  /** ISO timestamp. */
  enrolledAt: string | null;
  withdrawalDate: string | null;
  withdrawalReason: string | null;
}

/** An infusion as infusion tracking's `GET /trials/{id}/subjects/{subjectId}/infusions` answers it. */
export interface SubjectInfusion {
  infusionNumber: number;
  /** ISO timestamp. */
  administeredAt: string;
}

/** An adverse-event case as safety's `GET /trials/{id}/cases/{caseId}` answers it. */
export interface SafetyCase {
  trialId: string;
  caseId: string;
  subjectId: string;
  currentVersion: number;
  serious: boolean;
  susar: boolean;
  /** ISO timestamps. */
  openedAt: string;
  updatedAt: string;
  versions: { version: number; report: AdverseEventReport; recordedAt: string }[];
}

/** A case's versions as far as the report it stands on needs them. */
export type CaseVersions = Pick<SafetyCase, 'caseId' | 'currentVersion'> & { versions: { version: number; report: AdverseEventReport }[] };

/** The report a case stands on now: its current version's. */
export function currentReport(found: CaseVersions): AdverseEventReport {
  const current = found.versions.find((v) => v.version === found.currentVersion);
  if (!current) throw new Error(`case ${found.caseId} has no version ${found.currentVersion}`);
  return current.report;
}

/** The investigational products the registry record names (its interventions). */
export const investigationalProducts = (trial: RegisteredTrial): string[] =>
  (trial.registryRecord?.protocolSection.armsInterventionsModule?.interventions ?? []).map((i) => i.name);
