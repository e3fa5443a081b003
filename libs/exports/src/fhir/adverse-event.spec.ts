import type { AdverseEventOutcome } from '@trialstream/contracts';
import { seriousCase } from '../worked-examples.fixtures';
import { adverseEvent, adverseEventStatus } from './adverse-event';
import { researchStudyUrn } from './research-study';
import { patientUrn } from './research-subject';

describe('a case as an AdverseEvent', () => {
  it('speaks for the current version: serious, MedDRA-coded, its outcome, related to the product, recorded by a pseudonymous reporter (worked example)', () => {
    const [reporter, event] = adverseEvent(seriousCase({ outcome: 'RECOVERED' }), ['UC-MSCs']);
    expect(reporter.resource).toEqual({ resourceType: 'Practitioner', identifier: [{ system: 'urn:trialstream:NCT02491658:reporter', value: 'site investigator BJ-01' }] });
    expect(event.resource).toEqual({
      resourceType: 'AdverseEvent',
      identifier: [{ system: 'urn:trialstream:NCT02491658:adverse-event-case', value: 'AE-1' }],
      status: 'completed',
      actuality: 'actual',
      code: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/mdr', code: '10037660', display: 'Pyrexia' }], text: 'Pyrexia' },
      subject: { reference: patientUrn('NCT02491658', 'BJ-01-001') },
      occurrenceDateTime: '2026-03-10',
      detected: '2026-03-14',
      recordedDate: '2026-03-11T08:00:00.000Z',
      recorder: { reference: reporter.fullUrl },
      seriousness: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/adverse-event-seriousness', code: 'serious' }] },
      outcome: [{ coding: [{ system: 'urn:oid:2.16.840.1.113883.3.989.2.1.1.11', code: '1', display: 'recovered/resolved' }], text: 'recovered/resolved' }],
      suspectEntity: [{ instanceCodeableConcept: { text: 'UC-MSCs' }, causality: { entityRelatedness: { text: 'related' } } }],
      study: [{ reference: researchStudyUrn('NCT02491658') }],
    });
  });

  it('a non-serious case without a MedDRA code, with its protocol category', () => {
    const found = { ...seriousCase({ meddraCode: undefined, eventCategory: 'INFUSION_RELATED_REACTION', causality: 'NOT_RELATED' }), serious: false };
    const event = adverseEvent(found, ['UC-MSCs'])[1].resource as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(event.seriousness.coding[0].code).toBe('non-serious');
    expect(event.code).toEqual({ text: 'Pyrexia' });
    expect(event.category).toEqual([{ text: 'INFUSION_RELATED_REACTION' }]);
    expect(event.suspectEntity[0].causality.entityRelatedness.text).toBe('not related');
  });

  it.each<[AdverseEventOutcome, string]>([
    ['RECOVERED', 'completed'],
    ['RECOVERED_WITH_SEQUELAE', 'completed'],
    ['FATAL', 'completed'],
    ['RECOVERING', 'in-progress'],
    ['NOT_RECOVERED', 'in-progress'],
    ['UNKNOWN', 'unknown'],
  ])('an event whose outcome is %s is %s', (outcome, status) => {
    expect(adverseEventStatus(outcome)).toBe(status);
  });
});
