import { enrolledSubject } from '../worked-examples.fixtures';
import { researchSubject, subjectProgress } from './research-subject';
import { resourceUrn } from './uuids';

const codes = (progress: ReturnType<typeof subjectProgress>) => progress.map((p) => [(p.subjectState ?? p.milestone)!.coding![0].code, p.startDate]);

describe('a subject as a pseudonymous Patient and a ResearchSubject', () => {
  it('an enrolled subject: screened and eligible, signed up, on study (worked example)', () => {
    expect(codes(subjectProgress(enrolledSubject()))).toEqual([
      ['Screened', '2026-03-01T02:00:00.000Z'],
      ['eligible', '2026-03-01T02:00:00.000Z'],
      ['SignedUp', '2026-03-02'],
      ['on-study', '2026-03-03T01:30:00.000Z'],
    ]);
  });

  it('from the first infusion given, whatever order they come in, the subject is on study receiving the intervention', () => {
    const infusions = [
      { infusionNumber: 2, administeredAt: '2026-03-15T02:00:00.000Z' },
      { infusionNumber: 1, administeredAt: '2026-03-08T02:00:00.000Z' },
    ];
    expect(codes(subjectProgress(enrolledSubject(), infusions)).at(-1)).toEqual(['on-study-intervention', '2026-03-08T02:00:00.000Z']);
  });

  it('a withdrawn subject ends withdrawn, with the reason', () => {
    const progress = subjectProgress(enrolledSubject({ status: 'WITHDRAWN', withdrawalDate: '2026-04-01', withdrawalReason: 'moved away' }));
    expect(progress.at(-1)).toEqual({
      type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/research-subject-state-type', code: 'Enrollment' }] },
      subjectState: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/research-subject-state', code: 'withdrawn' }] },
      reason: { text: 'moved away' },
      startDate: '2026-04-01',
    });
  });

  it('a subject screened ineligible stops there: no consent, not on study', () => {
    const ineligible = enrolledSubject({ status: 'SCREENED', eligible: false, consentDate: null, enrollmentNumber: null, enrolledAt: null });
    expect(codes(subjectProgress(ineligible)).map(([code]) => code)).toEqual(['Screened', 'ineligible']);
  });

  it('the Patient is known by the subject id only, and the ResearchSubject points at it and at the study', () => {
    const [patient, subject] = researchSubject('NCT02491658', enrolledSubject());
    expect(patient.resource).toEqual({ resourceType: 'Patient', identifier: [{ system: 'urn:trialstream:NCT02491658:subject', value: 'BJ-01-001' }] });
    expect(subject.resource).toMatchObject({
      status: 'active',
      study: { reference: resourceUrn('NCT02491658', 'ResearchStudy') },
      subject: { reference: patient.fullUrl },
    });
  });
});
