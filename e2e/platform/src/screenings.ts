import { type ScreeningData } from '@trialstream/contracts';
import { sampleEnvelope } from '@trialstream/testing';

const REFERENCE_TRIAL = 'NCT02491658';

/** A subject who meets every rule of the reference protocol. */
export function eligibleScreening(subjectId: string): ScreeningData {
  return {
    subjectId,
    siteId: 'BJ-01',
    ageAtBaseline: 42,
    sex: 'FEMALE',
    baselineDate: '2015-06-01',
    baselinePasi: 14.2,
    baselineDlqi: 12,
    bodyWeightKg: 64,
    priorTherapies: [{ kind: 'SYSTEMIC', name: 'methotrexate', lastDoseDate: '2015-04-01' }],
    testResults: ['HBV', 'HCV', 'HIV'].map((test) => ({ test, result: 'NEGATIVE' as const, date: '2015-05-28' })),
    exclusionAnswers: [
      'EX-OTHER-DISEASE', 'EX-UNCONTROLLED-INFECTION', 'EX-SEVERE-SYSTEMIC-OR-MALIGNANCY', 'EX-PREGNANCY', 'EX-CANNOT-FOLLOW-UP', 'EX-INVESTIGATOR-JUDGEMENT',
    ].map((criterionId) => ({ criterionId, present: false })),
  };
}

export const screeningEvent = (payload: object) => sampleEnvelope(payload, { type: 'ScreeningSubmitted', trialId: REFERENCE_TRIAL, subjectId: (payload as ScreeningData).subjectId });
