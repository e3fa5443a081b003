import { standingDeviations, type DosingHold, type SubjectStanding } from './standing-deviations';

const clear: SubjectStanding = { withdrawalDate: null, holds: [], reconsentRequests: [], reconsents: [] };
const at = (instant: string) => new Date(instant);
const givenAt = at('2015-06-15T01:00:00Z');
const kinds = (standing: Partial<SubjectStanding>) => standingDeviations(givenAt, '2015-06-15', { ...clear, ...standing }).map((d) => d.kind);

describe('where the subject stood', () => {
  it('finds nothing for a subject in good standing', () => {
    expect(kinds({})).toEqual([]);
  });

  it('flags an infusion after the withdrawal day, not on it', () => {
    expect(kinds({ withdrawalDate: '2015-06-15' })).toEqual([]);
    expect(kinds({ withdrawalDate: '2015-06-14' })).toEqual(['SUBJECT_WITHDRAWN']);
    expect(standingDeviations(givenAt, '2015-06-15', { ...clear, withdrawalDate: '2015-06-10' })[0]).toEqual({
      kind: 'SUBJECT_WITHDRAWN',
      rule: 'no infusion after withdrawal',
      observed: 'given on 2015-06-15',
      allowed: 'on or before 2015-06-10, the withdrawal',
    });
  });

  describe('dosing holds', () => {
    const hold = (placedAt: string, liftedAt: string | null = null, scope: DosingHold['scope'] = 'SUBJECT'): DosingHold => ({
      scope, reason: 'grade 3 infusion reaction', placedAt: at(placedAt), liftedAt: liftedAt ? at(liftedAt) : null,
    });

    it("flags an infusion given from the instant a subject's hold or a trial-wide one was placed", () => {
      expect(kinds({ holds: [hold('2015-06-15T01:00:00Z')] })).toEqual(['UNDER_DOSING_HOLD']);
      expect(kinds({ holds: [hold('2015-06-15T01:00:01Z')] })).toEqual([]);
      const [trialWide] = standingDeviations(givenAt, '2015-06-15', { ...clear, holds: [hold('2015-06-10T00:00:00Z', null, 'TRIAL')] });
      expect(trialWide).toEqual({
        kind: 'UNDER_DOSING_HOLD',
        rule: 'no infusion under a trial-wide dosing hold (grade 3 infusion reaction)',
        observed: 'given at 2015-06-15T01:00:00.000Z',
        allowed: 'before 2015-06-10T00:00:00.000Z, or once the hold is lifted',
      });
    });

    it('takes an infusion from the instant the hold was lifted', () => {
      expect(kinds({ holds: [hold('2015-06-10T00:00:00Z', '2015-06-15T01:00:00Z')] })).toEqual([]);
      expect(kinds({ holds: [hold('2015-06-10T00:00:00Z', '2015-06-15T01:00:01Z')] })).toEqual(['UNDER_DOSING_HOLD']);
    });

    it('flags each hold in force', () => {
      expect(kinds({ holds: [hold('2015-06-10T00:00:00Z'), hold('2015-06-11T00:00:00Z', null, 'TRIAL')] })).toEqual(['UNDER_DOSING_HOLD', 'UNDER_DOSING_HOLD']);
    });
  });

  describe('re-consent', () => {
    const asked = { protocolVersion: 2, requiredConsentVersion: '2.0', requiredAt: at('2015-06-12T00:00:00Z') };

    it('flags an infusion while a re-consent asked for before it is owed', () => {
      expect(kinds({ reconsentRequests: [asked] })).toEqual(['RECONSENT_OWED']);
      expect(standingDeviations(givenAt, '2015-06-15', { ...clear, reconsentRequests: [asked] })[0]).toMatchObject({
        rule: 're-consent to form 2.0 of protocol version 2 before further infusions',
      });
      expect(kinds({ reconsentRequests: [{ ...asked, requiredAt: at('2015-06-15T01:00:01Z') }] })).toEqual([]);
    });

    it('takes an infusion on or after the day of a re-consent to that version or a later one', () => {
      expect(kinds({ reconsentRequests: [asked], reconsents: [{ protocolVersion: 2, consentDate: '2015-06-15' }] })).toEqual([]);
      expect(kinds({ reconsentRequests: [asked], reconsents: [{ protocolVersion: 3, consentDate: '2015-06-14' }] })).toEqual([]);
      expect(kinds({ reconsentRequests: [asked], reconsents: [{ protocolVersion: 2, consentDate: '2015-06-16' }] })).toEqual(['RECONSENT_OWED']);
      expect(kinds({ reconsentRequests: [asked], reconsents: [{ protocolVersion: 1, consentDate: '2015-06-14' }] })).toEqual(['RECONSENT_OWED']);
    });
  });
});
