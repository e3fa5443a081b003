import { errorsOf, hapiValidate } from '@trialstream/testing';
import { enrolledSubject, referenceTrial, seriousCase } from '../worked-examples.fixtures';
import { trialBundle } from './bundle';

/** HAPI FHIR's own validator (infra/fhir-validator) judges the export: R5 structures, cardinalities and required value sets. */
describe('the exported Bundle, validated by HAPI FHIR', () => {
  const bundle = trialBundle({
    trial: referenceTrial(),
    subjects: [
      enrolledSubject(),
      enrolledSubject({ subjectId: 'BJ-01-002', status: 'WITHDRAWN', enrollmentNumber: 2, withdrawalDate: '2026-03-20', withdrawalReason: 'moved away' }),
      enrolledSubject({ subjectId: 'BJ-01-003', status: 'SCREENED', eligible: false, consentDate: null, enrollmentNumber: null, enrolledAt: null }),
    ],
    infusions: { 'BJ-01-001': [{ infusionNumber: 1, administeredAt: '2026-03-08T02:00:00.000Z' }] },
    cases: [seriousCase(), { ...seriousCase({ meddraCode: undefined, outcome: 'FATAL', eventCategory: 'INFUSION_RELATED_REACTION' }), caseId: 'AE-2', serious: false }],
  });
  const entry = (type: string) => bundle.entry.findIndex((e) => e.resource.resourceType === type);
  /** The same Bundle with one resource changed. */
  function broken(type: string, change: (resource: Record<string, unknown>) => void) {
    const copy = structuredClone(bundle);
    change(copy.entry[entry(type)].resource);
    return copy;
  }

  it('valid: no errors; broken: errors that name what is wrong', async () => {
    const [valid, noStudy, badState, badStatus] = await hapiValidate([
      bundle,
      broken('ResearchSubject', (subject) => delete subject.study),
      broken('ResearchSubject', (subject) => ((subject.progress as any)[1].subjectState.coding[0].code = 'half-enrolled')), // eslint-disable-line @typescript-eslint/no-explicit-any
      broken('AdverseEvent', (event) => (event.status = 'resolved')),
    ]);
    expect(errorsOf(valid)).toEqual([]);
    expect(errorsOf(noStudy).map((i) => i.message).join('\n')).toMatch(/ResearchSubject\.study: minimum required = 1/);
    expect(errorsOf(badState).map((i) => i.message).join('\n')).toMatch(/half-enrolled.*research-subject-state/s);
    expect(errorsOf(badStatus).map((i) => i.message).join('\n')).toMatch(/resolved.*adverse-event-status/s);
  });
});
