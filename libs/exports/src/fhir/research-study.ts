import type { TrialStatus } from '@trialstream/contracts';
import type { RegisteredTrial } from '../sources';
import { coded, type BundleEntry, type CodeableConcept } from './resources';
import { SYSTEMS } from './systems';
import { resourceUrn } from './uuids';

export const researchStudyUrn = (trialId: string) => resourceUrn(trialId, 'ResearchStudy');

/**
 * ClinicalTrials.gov's overall status in R5's research-study-status codes. No code says "unknown"
 * or "withheld" and none fits approval for marketing: those trials carry no progress state.
 */
const PROGRESS_STATES: Record<TrialStatus, string | null> = {
  NOT_YET_RECRUITING: 'not-yet-recruiting',
  RECRUITING: 'recruiting',
  ENROLLING_BY_INVITATION: 'enrolling-by-invitation',
  ACTIVE_NOT_RECRUITING: 'active-but-not-recruiting',
  SUSPENDED: 'temporarily-closed-to-accrual-and-intervention',
  TERMINATED: 'terminated',
  COMPLETED: 'completed',
  WITHDRAWN: 'withdrawn',
  UNKNOWN: null,
  AVAILABLE: 'active',
  NO_LONGER_AVAILABLE: 'closed-to-accrual',
  TEMPORARILY_NOT_AVAILABLE: 'temporarily-closed-to-accrual',
  APPROVED_FOR_MARKETING: null,
  WITHHELD: null,
};

/** ResearchStudy.status is the record's publication status: a study that ended is retired, one whose status nobody knows is unknown. */
function publicationStatus(status: TrialStatus): 'active' | 'retired' | 'unknown' {
  if (status === 'UNKNOWN' || status === 'WITHHELD') return 'unknown';
  return ['COMPLETED', 'TERMINATED', 'WITHDRAWN', 'NO_LONGER_AVAILABLE', 'APPROVED_FOR_MARKETING'].includes(status) ? 'retired' : 'active';
}

/** ClinicalTrials.gov's phases (e.g. [PHASE1, PHASE2]) as one R5 research-study-phase code (phase-1-phase-2); none for an unknown combination. */
function phaseCode(phases: string[]): string | null {
  const codes: Record<string, string> = {
    NA: 'n-a',
    EARLY_PHASE1: 'early-phase-1',
    PHASE1: 'phase-1',
    'PHASE1,PHASE2': 'phase-1-phase-2',
    PHASE2: 'phase-2',
    'PHASE2,PHASE3': 'phase-2-phase-3',
    PHASE3: 'phase-3',
    PHASE4: 'phase-4',
  };
  return codes[[...phases].sort().join(',')] ?? null;
}

/** The trial as a ResearchStudy: NCT id, title, status, phase, conditions, and its recruitment target against those enrolled. */
export function researchStudy(trial: RegisteredTrial, enrolledCount: number): BundleEntry {
  const protocol = trial.registryRecord?.protocolSection;
  const state = PROGRESS_STATES[trial.overallStatus];
  const phase = phaseCode(trial.phases);
  const target = protocol?.designModule?.enrollmentInfo?.count;
  const conditions: CodeableConcept[] = (protocol?.conditionsModule?.conditions ?? []).map((text) => ({ text }));
  return {
    fullUrl: researchStudyUrn(trial.trialId),
    resource: {
      resourceType: 'ResearchStudy',
      identifier: [{ system: SYSTEMS.nct, value: trial.trialId }, ...(trial.orgStudyId ? [{ system: SYSTEMS.orgStudyId, value: trial.orgStudyId }] : [])],
      title: trial.officialTitle ?? trial.briefTitle,
      status: publicationStatus(trial.overallStatus),
      ...(phase ? { phase: coded(SYSTEMS.researchStudyPhase, phase) } : {}),
      ...(conditions.length ? { condition: conditions } : {}),
      ...(state ? { progressStatus: [{ state: coded(SYSTEMS.researchStudyStatus, state), actual: true }] } : {}),
      recruitment: { ...(target !== undefined ? { targetNumber: target } : {}), actualNumber: enrolledCount },
    },
  };
}
