/** Identifier and code systems of the export. The trial's own identifiers are URNs under this prefix. */
export const SYSTEMS = {
  nct: 'https://clinicaltrials.gov',
  orgStudyId: 'urn:trialstream:org-study-id',
  subject: (trialId: string) => `urn:trialstream:${trialId}:subject`,
  adverseEventCase: (trialId: string) => `urn:trialstream:${trialId}:adverse-event-case`,
  reporter: (trialId: string) => `urn:trialstream:${trialId}:reporter`,
  researchStudyStatus: 'http://hl7.org/fhir/research-study-status',
  researchStudyPhase: 'http://hl7.org/fhir/research-study-phase',
  researchSubjectState: 'http://terminology.hl7.org/CodeSystem/research-subject-state',
  researchSubjectStateType: 'http://terminology.hl7.org/CodeSystem/research-subject-state-type',
  researchSubjectMilestone: 'http://terminology.hl7.org/CodeSystem/research-subject-milestone',
  adverseEventSeriousness: 'http://terminology.hl7.org/CodeSystem/adverse-event-seriousness',
  meddra: 'http://terminology.hl7.org/CodeSystem/mdr',
  /** ICH E2B(R3) outcome of reaction/event (E.i.7), the same codes the ICSR carries. */
  e2bOutcome: 'urn:oid:2.16.840.1.113883.3.989.2.1.1.11',
} as const;
