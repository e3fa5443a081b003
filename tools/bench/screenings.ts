import { randomUUID } from 'node:crypto';
import type { OutMessage } from './wire';

/**
 * ScreeningSubmitted envelopes as a sponsor's system puts them on the ingress topic: the wire
 * format of libs/contracts (envelope + payload), written out here so the benchmark depends on the
 * contract, not on any service's code. The payload is the eligible subject of
 * e2e/platform/src/enrollment.e2e-spec.ts, under a unique pseudonymous subject id.
 */

const EXCLUSIONS = [
  'EX-OTHER-DISEASE', 'EX-UNCONTROLLED-INFECTION', 'EX-SEVERE-SYSTEMIC-OR-MALIGNANCY', 'EX-PREGNANCY', 'EX-CANNOT-FOLLOW-UP', 'EX-INVESTIGATOR-JUDGEMENT',
];

export function eligibleScreening(subjectId: string) {
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
    testResults: ['HBV', 'HCV', 'HIV'].map((test) => ({ test, result: 'NEGATIVE', date: '2015-05-28' })),
    exclusionAnswers: EXCLUSIONS.map((criterionId) => ({ criterionId, present: false })),
  };
}

/** Subject ids are `<tag>-<phase>-<index>`: the watcher maps each SubjectScreened back to what was sent. */
export function subjectId(tag: string, phase: string, index: number): string {
  return `${tag}-${phase}-${index}`;
}

export function screeningMessage(trialId: string, tag: string, phase: string, index: number): OutMessage {
  const id = subjectId(tag, phase, index);
  const envelope = {
    eventId: randomUUID(),
    type: 'ScreeningSubmitted',
    version: 1,
    occurredAt: new Date().toISOString(),
    producer: 'bench-load-generator',
    trialId,
    subjectId: id,
    correlationId: randomUUID(),
    payload: eligibleScreening(id),
  };
  return { key: id, value: JSON.stringify(envelope) };
}

export function screeningMessages(trialId: string, tag: string, phase: string, count: number): OutMessage[] {
  return Array.from({ length: count }, (_, i) => screeningMessage(trialId, tag, phase, i));
}
