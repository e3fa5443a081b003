import { ICSR_REQUIRED_ELEMENTS, missingIcsrElements } from '@trialstream/testing';
import { DOMParser } from '@xmldom/xmldom';
import * as xpath from 'xpath';
import { seriousCase } from '../worked-examples.fixtures';
import { buildIcsr, IcsrNotPossible, type IcsrInput } from './icsr';

const input = (found = seriousCase()): IcsrInput => ({
  found,
  trial: { trialId: 'NCT02491658', title: 'Safety and Efficacy of UC-MSCs in Patients With Psoriasis Vulgaris' },
  products: ['UC-MSCs'],
  senderId: 'TRIALSTREAM',
  receiverId: 'EVHUMAN',
  createdAt: new Date('2026-03-15T09:30:05Z'),
});
const select = xpath.useNamespaces({ h: 'urn:hl7-org:v3' });
const value = (xml: string, element: string) => select(`string(${ICSR_REQUIRED_ELEMENTS[element]}/@*[name()='value' or name()='extension' or name()='code'])`, new DOMParser().parseFromString(xml, 'text/xml') as unknown as Node);
const text = (xml: string, element: string) => select(`string(${ICSR_REQUIRED_ELEMENTS[element]})`, new DOMParser().parseFromString(xml, 'text/xml') as unknown as Node);

describe('a case as an ICH E2B(R3) ICSR', () => {
  it('has every minimum element of the implementation guide', () => {
    expect(missingIcsrElements(buildIcsr(input()))).toEqual([]);
  });

  it('worked example: a serious SUSAR with a follow-up', () => {
    const xml = buildIcsr(input());
    expect(value(xml, "C.1.1 sender's safety report unique identifier")).toBe('TRIALSTREAM-NCT02491658-AE-1');
    expect(value(xml, 'N.2.r.1 message identifier')).toBe('TRIALSTREAM-NCT02491658-AE-1-v2');
    expect(value(xml, 'C.1.2 date of creation')).toBe('20260315093005');
    expect(value(xml, 'C.1.3 type of report')).toBe('2');
    expect(value(xml, 'C.1.4 date report was first received from source')).toBe('20260311');
    expect(value(xml, 'C.1.5 date of most recent information')).toBe('20260314');
    expect(value(xml, 'C.1.7 fulfil local criteria for an expedited report')).toBe('true');
    expect(value(xml, 'C.5.1.r.1 study registration number')).toBe('NCT02491658');
    expect(text(xml, 'D.1 patient (name or initials)')).toBe('BJ-01-001');
    expect(text(xml, 'E.i.1.1a reaction/event as reported by the primary source')).toBe('Pyrexia');
    expect(value(xml, 'E.i.2.1b reaction/event (MedDRA code)')).toBe('10037660');
    expect(value(xml, 'E.i.3.1 term highlighted by the reporter')).toBe('4');
    expect(value(xml, 'E.i.3.2c caused / prolonged hospitalisation')).toBe('true');
    expect(value(xml, 'E.i.7 outcome of reaction/event at the time of last observation')).toBe('2');
    expect(value(xml, 'G.k.1 characterisation of drug role')).toBe('1');
    expect(text(xml, 'G.k.2.2 medicinal product name as reported by the primary source')).toBe('UC-MSCs');
    expect(text(xml, 'H.1 case narrative')).toContain('admitted for observation');
  });

  it('a criterion not met is "no information", and a non-serious term is not highlighted and not serious (2)', () => {
    const xml = buildIcsr(input({ ...seriousCase({ seriousness: [] }), serious: false, susar: false }));
    expect(select(`string(${ICSR_REQUIRED_ELEMENTS['E.i.3.2a results in death']}/@nullFlavor)`, new DOMParser().parseFromString(xml, 'text/xml') as unknown as Node)).toBe('NI');
    expect(value(xml, 'E.i.3.1 term highlighted by the reporter')).toBe('2');
    expect(value(xml, 'C.1.7 fulfil local criteria for an expedited report')).toBe('false');
  });

  it.each([
    ['RECOVERED', '1'],
    ['RECOVERED_WITH_SEQUELAE', '4'],
    ['FATAL', '5'],
    ['UNKNOWN', '0'],
  ] as const)('outcome %s is E2B code %s', (outcome, code) => {
    expect(value(buildIcsr(input(seriousCase({ outcome }))), 'E.i.7 outcome of reaction/event at the time of last observation')).toBe(code);
  });

  it('a message with a required element removed is refused by the check, naming it', () => {
    const xml = buildIcsr(input());
    const broken = xml.replace(/<text>[^<]*<\/text>/, '').replace(/<availabilityTime[^>]*\/>/, '');
    expect(missingIcsrElements(broken)).toEqual(['C.1.5 date of most recent information', 'H.1 case narrative']);
  });

  it('a case without a MedDRA code, or without a suspect product, cannot be sent', () => {
    expect(() => buildIcsr(input(seriousCase({ meddraCode: undefined })))).toThrow(/E\.i\.2\.1b/);
    expect(() => buildIcsr({ ...input(), products: [] })).toThrow(IcsrNotPossible);
  });
});
