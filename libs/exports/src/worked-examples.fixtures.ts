import type { AdverseEventReport } from '@trialstream/contracts';
import type { RegisteredTrial, SafetyCase, TrialSubject } from './sources';

/** The reference trial as the registry answers it, cut to what an export reads. */
export const referenceTrial = (overrides: Partial<RegisteredTrial> = {}): RegisteredTrial => ({
  trialId: 'NCT02491658',
  orgStudyId: '307-PV-MSC',
  briefTitle: 'Safety and Efficacy of UC-MSCs in Patients With Psoriasis Vulgaris',
  officialTitle: 'Safety and Efficacy of UC-MSCs in Patients With Psoriasis Vulgaris',
  phases: ['PHASE1', 'PHASE2'],
  overallStatus: 'RECRUITING',
  leadSponsor: 'Academy of Military Medical Sciences',
  registryRecord: {
    protocolSection: {
      conditionsModule: { conditions: ['Psoriasis Vulgaris'] },
      designModule: { enrollmentInfo: { count: 30 } },
      armsInterventionsModule: { interventions: [{ name: 'UC-MSCs' }] },
    },
  },
  ...overrides,
});

/** Screened eligible on 1 March, consented on 2 March, enrolled on 3 March. */
export const enrolledSubject = (overrides: Partial<TrialSubject> = {}): TrialSubject => ({
  subjectId: 'BJ-01-001',
  siteId: 'BJ-01',
  status: 'ENROLLED',
  eligible: true,
  screenedAt: '2026-03-01T02:00:00.000Z',
  consentDate: '2026-03-02',
  enrollmentNumber: 1,
  enrolledAt: '2026-03-03T01:30:00.000Z',
  withdrawalDate: null,
  withdrawalReason: null,
  ...overrides,
});

export const pyrexiaReport = (overrides: Partial<AdverseEventReport> = {}): AdverseEventReport => ({
  subjectId: 'BJ-01-001',
  caseId: 'AE-1',
  reportId: 'AE-1/0',
  onsetDate: '2026-03-10',
  awareDate: '2026-03-11',
  term: 'Pyrexia',
  meddraCode: '10037660',
  ctcaeGrade: 3,
  seriousness: ['HOSPITALISATION'],
  outcome: 'RECOVERING',
  causality: 'RELATED',
  expectedness: 'UNEXPECTED',
  narrative: 'Fever of 39.5 °C the day after the second infusion; admitted for observation.',
  reporter: 'site investigator BJ-01',
  ...overrides,
});

/** A serious, related, unexpected case (a SUSAR) with a follow-up: the second version is current. */
export const seriousCase = (current: Partial<AdverseEventReport> = {}): SafetyCase => ({
  trialId: 'NCT02491658',
  caseId: 'AE-1',
  subjectId: 'BJ-01-001',
  currentVersion: 2,
  serious: true,
  susar: true,
  openedAt: '2026-03-11T08:00:00.000Z',
  updatedAt: '2026-03-14T08:00:00.000Z',
  versions: [
    { version: 1, report: pyrexiaReport(), recordedAt: '2026-03-11T08:00:00.000Z' },
    { version: 2, report: pyrexiaReport({ reportId: 'AE-1/1', awareDate: '2026-03-14', ...current }), recordedAt: '2026-03-14T08:00:00.000Z' },
  ],
});
