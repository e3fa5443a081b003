import type { AdverseEventReport, StoppingRule } from '@trialstream/contracts';

/** A moderate, non-serious, expected event of subject S-001: each example changes what it is about. */
export function report(overrides: Partial<AdverseEventReport> = {}): AdverseEventReport {
  return {
    subjectId: 'S-001',
    caseId: 'AE-BJ01-0001',
    reportId: 'AE-BJ01-0001/0',
    onsetDate: '2015-06-09',
    awareDate: '2015-06-10',
    term: 'Pyrexia',
    meddraCode: '10037660',
    ctcaeGrade: 2,
    seriousness: [],
    outcome: 'RECOVERED',
    causality: 'RELATED',
    expectedness: 'EXPECTED',
    narrative: 'Fever of 38.6 C six hours after the second infusion, resolved with paracetamol.',
    reporter: 'site investigator BJ-01',
    ...overrides,
  };
}

/** The stopping rules of the reference protocol (apps/registry/src/reference/nct02491658.protocol.json). */
export const REFERENCE_RULES: Record<'subjectReaction' | 'trialDeath' | 'trialCount', StoppingRule> = {
  subjectReaction: {
    id: 'SR-SUBJECT-INFUSION-REACTION',
    scope: 'SUBJECT',
    description: 'Pause dosing for a subject after a grade >= 3 infusion-related reaction',
    minGrade: 3,
    eventCategory: 'INFUSION_RELATED_REACTION',
  },
  trialDeath: {
    id: 'SR-TRIAL-DEATH-OR-LIFE-THREATENING',
    scope: 'TRIAL',
    description: 'Pause the trial and convene the DSMB on any death or life-threatening event possibly related to the product',
    minGrade: 4,
  },
  trialCount: { id: 'SR-TRIAL-RELATED-SERIOUS-COUNT', scope: 'TRIAL', description: 'Pause the trial when related serious adverse events reach 3', relatedSeriousEventCount: 3 },
};
