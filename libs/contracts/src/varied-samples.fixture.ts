import { randomUUID } from 'node:crypto';

/**
 * Samples of the hot contracts, and a walker that varies a sample one value at a time: the
 * differential tests of quick-instance and quick-validation run the quick path and class-transformer
 * or class-validator over every variant. Test code only (left out of the library's build).
 */

export const SCREENING_SAMPLE = {
  subjectId: 'S-001', siteId: 'BJ-01', ageAtBaseline: 42, sex: 'FEMALE', baselineDate: '2015-06-01', baselinePasi: 14.2,
  pasiComponents: [{ region: 'HEAD', erythema: 2, induration: 1, desquamation: 1, area: 2 }],
  baselineDlqi: 12, bodyWeightKg: 64, priorTherapies: [{ kind: 'SYSTEMIC', name: 'methotrexate', lastDoseDate: '2015-04-01' }],
  testResults: [{ test: 'HBV', result: 'NEGATIVE', date: '2015-05-28' }], exclusionAnswers: [{ criterionId: 'EX-PREGNANCY', present: false }],
};

export const SUBJECT_SCREENED_SAMPLE = {
  subjectId: 'S-001', siteId: 'BJ-01', protocolVersion: 1, eligible: true,
  ruleResults: [{ ruleId: 'AGE', description: 'aged 18-65', observed: '42', outcome: 'PASS' }],
};

export const ENVELOPE_SAMPLE = {
  eventId: randomUUID(), type: 'SubjectScreened', version: 1, occurredAt: '2026-11-26T05:00:00.000Z', producer: 'enrollment',
  trialId: 'NCT02491658', subjectId: 'S-001', correlationId: randomUUID(), payload: SUBJECT_SCREENED_SAMPLE,
};

/**
 * The sample itself, and every copy with one value somewhere replaced by each of `oddValues`, or one
 * object somewhere replaced by each of `oddObjects(that object)`.
 */
export function variants(sample: unknown, oddValues: unknown[], oddObjects: (value: object) => unknown[]): unknown[] {
  const out: unknown[] = [sample];
  const visit = (value: unknown, replace: (next: unknown) => unknown) => {
    for (const odd of oddValues) out.push(replace(odd));
    if (Array.isArray(value)) value.forEach((item, i) => visit(item, (next) => replace(value.map((x, j) => (j === i ? next : x)))));
    else if (value && typeof value === 'object') {
      for (const odd of oddObjects(value)) out.push(replace(odd));
      for (const key of Object.keys(value)) {
        visit((value as Record<string, unknown>)[key], (next) => {
          const copy: Record<string, unknown> = { ...(value as object) };
          if (next === undefined) delete copy[key];
          else copy[key] = next;
          return replace(copy);
        });
      }
    }
  };
  visit(sample, (next) => next);
  return out;
}
