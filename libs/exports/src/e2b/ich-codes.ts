import type { SeriousnessCriterion } from '@trialstream/contracts';

/**
 * The OIDs of the ICH E2B(R3) implementation guide that the ICSR uses: code systems under
 * 2.16.840.1.113883.3.989.2.1.1, identifier roots under 2.16.840.1.113883.3.989.2.1.3. Taken from
 * the guide's code lists as we know them, not from a file checked here (the ICH files are not
 * reachable from this workplace).
 */
const ICH_CODES = '2.16.840.1.113883.3.989.2.1.1';
const ICH_IDS = '2.16.840.1.113883.3.989.2.1.3';

export const OIDS = {
  batchTypeOfMessages: `${ICH_CODES}.1`, // N.1.1
  reportType: `${ICH_CODES}.2`, // C.1.3
  reporterQualification: `${ICH_CODES}.6`, // C.2.r.4
  senderType: `${ICH_CODES}.7`, // C.3.1
  studyType: `${ICH_CODES}.8`, // C.5.4
  termHighlighted: `${ICH_CODES}.10`, // E.i.3.1
  outcome: `${ICH_CODES}.11`, // E.i.7
  drugRole: `${ICH_CODES}.13`, // G.k.1
  observations: `${ICH_CODES}.19`,
  organizerCategories: `${ICH_CODES}.20`,
  relatedInvestigations: `${ICH_CODES}.22`,
  investigationCharacteristics: `${ICH_CODES}.23`,
  messageId: `${ICH_IDS}.1`, // N.2.r.1 and C.1.1
  worldwideCaseId: `${ICH_IDS}.2`, // C.1.8.1
  studyRegistration: `${ICH_IDS}.6`, // C.5.1.r.1
  messageSender: `${ICH_IDS}.11`, // N.2.r.2
  messageReceiver: `${ICH_IDS}.12`, // N.2.r.3
  batchSender: `${ICH_IDS}.13`, // N.1.3
  batchReceiver: `${ICH_IDS}.14`, // N.1.4
  batchId: `${ICH_IDS}.22`, // N.1.2
  meddra: '2.16.840.1.113883.6.163',
  hl7Interactions: '2.16.840.1.113883.1.6',
  hl7TriggerEvents: '2.16.840.1.113883.1.18',
  hl7ActCode: '2.16.840.1.113883.5.4',
} as const;

/** Codes of the ICH observation code system (OIDS.observations). */
export const OBSERVATION_CODES = {
  localCriteriaForExpedited: '23',
  reaction: '29',
  outcome: '27',
  termHighlightedByReporter: '37',
  interventionCharacterization: '20',
} as const;

/** E.i.3.2a–f: each seriousness criterion is its own observation (OBSERVATION_CODES' system). */
export const SERIOUSNESS_OBSERVATIONS: Record<SeriousnessCriterion, { code: string; displayName: string }> = {
  DEATH: { code: '34', displayName: 'resultsInDeath' },
  LIFE_THREATENING: { code: '21', displayName: 'isLifeThreatening' },
  HOSPITALISATION: { code: '33', displayName: 'requiresInpatientHospitalization' },
  DISABILITY: { code: '35', displayName: 'resultsInPersistentOrSignificantDisability' },
  CONGENITAL_ANOMALY: { code: '12', displayName: 'congenitalAnomalyBirthDefect' },
  OTHER_MEDICALLY_IMPORTANT: { code: '26', displayName: 'otherMedicallyImportantCondition' },
};
