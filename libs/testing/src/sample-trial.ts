import { randomUUID } from 'node:crypto';
import type { EventEnvelope, ProtocolDefinition, ProtocolVersionPublishedPayload, ScreeningData, TrialRegisteredPayload } from '@trialstream/contracts';

/** A protocol of the reference trial's shape, for tests that need a valid one. */
export function sampleProtocol(version = 1): ProtocolDefinition {
  const days = [0, 7, 14, 21, 35, 49];
  return {
    version,
    effectiveDate: '2015-04-30',
    sites: [{ siteId: 'BJ-01', timeZone: 'Asia/Shanghai' }],
    arms: [{ label: 'UC-MSCs', type: 'EXPERIMENTAL', interventionNames: ['UC-MSCs'] }],
    enrollmentTarget: 30,
    informedConsentVersion: '1.0',
    eligibility: {
      age: { minYears: 18, maxYears: 65 },
      sex: 'ALL',
      minimumBaselinePasi: 8,
      washouts: [{ id: 'EX-SYSTEMIC-WASHOUT', therapyKind: 'SYSTEMIC', minDaysBeforeBaseline: 28 }],
      requiredNegativeTests: ['HBV', 'HCV', 'HIV'],
      testResultMaxAgeDays: 28,
      exclusions: [{ id: 'EX-PREGNANCY', description: 'Pregnant or lactating' }],
      criteriaText: 'Inclusion Criteria: baseline PASI >= 8',
    },
    dosing: { cellsPerKg: 1_000_000, tolerancePercent: 10 },
    infusions: days.map((dayOffset, i) => ({ number: i + 1, dayOffset, windowDaysBefore: 1, windowDaysAfter: 1 })),
    assessments: [
      { instrument: 'PASI', timepoint: 'BASELINE' },
      { instrument: 'PASI', timepoint: 'AFTER_INFUSION', afterInfusion: 6 },
    ],
    followUp: { durationDays: 365, visitDays: [30, 91, 182, 273, 365], windowDays: 7 },
    safety: {
      stoppingRules: [
        { id: 'SR-SUBJECT', scope: 'SUBJECT', description: 'grade >= 3 infusion reaction', minGrade: 3 },
        { id: 'SR-TRIAL', scope: 'TRIAL', description: 'any related death', minGrade: 5 },
      ],
      expeditedReporting: { fatalOrLifeThreateningDays: 7, completionFollowUpDays: 8, otherSusarDays: 15 },
    },
  };
}

export function sampleTrialRegistered(trialId: string): TrialRegisteredPayload {
  return { trialId, briefTitle: `Sample trial ${trialId}`, phases: ['PHASE1', 'PHASE2'], overallStatus: 'RECRUITING' };
}

export function sampleProtocolPublished(trialId: string, version = 1): ProtocolVersionPublishedPayload {
  return { trialId, protocol: sampleProtocol(version), publishedBy: 'test' };
}

/** A TrialRegistered envelope (unless overridden) as a sponsor's or a test's producer would put it on the wire. */
export function sampleEnvelope(payload: object, overrides: Partial<EventEnvelope> = {}): EventEnvelope {
  return {
    eventId: randomUUID(),
    type: 'TrialRegistered',
    version: 1,
    occurredAt: new Date().toISOString(),
    producer: 'test',
    trialId: (payload as { trialId?: string }).trialId ?? 'NCT00000000',
    correlationId: randomUUID(),
    payload,
    ...overrides,
  };
}

/** A subject who meets every rule of the reference protocol (and of sampleProtocol). */
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
