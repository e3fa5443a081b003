import { enrolledSubject, referenceTrial, seriousCase } from '../worked-examples.fixtures';
import { trialBundle } from './bundle';

const data = () => ({
  trial: referenceTrial(),
  subjects: [enrolledSubject(), enrolledSubject({ subjectId: 'BJ-01-002', status: 'SCREENED', enrollmentNumber: null, enrolledAt: null })],
  cases: [seriousCase(), { ...seriousCase(), caseId: 'AE-0' }],
});

describe('the trial as a FHIR collection Bundle', () => {
  it('holds the study, each subject as Patient and ResearchSubject, each case with one Practitioner per reporter', () => {
    const bundle = trialBundle(data());
    expect(bundle.type).toBe('collection');
    expect(bundle.entry.map((e) => e.resource.resourceType)).toEqual(['ResearchStudy', 'Patient', 'ResearchSubject', 'Patient', 'ResearchSubject', 'Practitioner', 'AdverseEvent', 'AdverseEvent']);
    expect((bundle.entry[0].resource as any).recruitment.actualNumber).toBe(1); // eslint-disable-line @typescript-eslint/no-explicit-any
    for (const entry of bundle.entry) expect(entry.fullUrl).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('the same data exports the same Bundle, whatever order the cases come in', () => {
    const reordered = data();
    reordered.cases.reverse();
    expect(JSON.stringify(trialBundle(reordered))).toBe(JSON.stringify(trialBundle(data())));
  });
});
