import { RuleViolationError } from '@trialstream/contracts';
import { sampleProtocol } from '@trialstream/testing';
import { nextProtocolVersion, type ProtocolDraft } from './protocol-versions';

const { version: _ignored, ...draft } = sampleProtocol();
const withoutCriteria: ProtocolDraft = { ...draft, eligibility: { ...draft.eligibility, criteriaText: undefined } };

describe('nextProtocolVersion', () => {
  it('numbers the first protocol 1 and keeps the registry record criteria beside the rules', () => {
    const protocol = nextProtocolVersion(withoutCriteria, { trialStatus: 'RECRUITING', criteriaText: 'Inclusion Criteria: PASI >= 8' });
    expect(protocol.version).toBe(1);
    expect(protocol.eligibility.criteriaText).toBe('Inclusion Criteria: PASI >= 8');
  });

  it('keeps criteria text the sponsor sent with the draft', () => {
    expect(nextProtocolVersion(draft, { trialStatus: 'RECRUITING', criteriaText: 'from the record' }).eligibility.criteriaText).toBe(
      draft.eligibility.criteriaText,
    );
  });

  it('numbers an amendment after the latest version', () => {
    const amended = nextProtocolVersion(
      { ...draft, effectiveDate: '2015-09-01', enrollmentTarget: 40 },
      { trialStatus: 'RECRUITING', latest: { version: 2, effectiveDate: '2015-06-01' }, amendmentReason: 'larger cohort' },
    );
    expect(amended).toMatchObject({ version: 3, enrollmentTarget: 40 });
  });

  it('asks for a reason for an amendment', () => {
    expect(() => nextProtocolVersion(draft, { trialStatus: 'RECRUITING', latest: { version: 1, effectiveDate: '2015-04-30' } })).toThrow(
      expect.objectContaining({ kind: 'invalid', violations: [expect.objectContaining({ field: 'amendmentReason', rule: 'required' })] }),
    );
  });

  it('refuses an amendment that would take effect before the version it replaces (same day is fine)', () => {
    const context = { trialStatus: 'RECRUITING' as const, latest: { version: 1, effectiveDate: '2015-04-30' }, amendmentReason: 'fix' };
    expect(() => nextProtocolVersion({ ...draft, effectiveDate: '2015-04-29' }, context)).toThrow(
      'must not be before 2015-04-30, when version 1 took effect',
    );
    expect(nextProtocolVersion({ ...draft, effectiveDate: '2015-04-30' }, context).version).toBe(2);
  });

  it('gives a closed trial no new version', () => {
    expect(() => nextProtocolVersion(draft, { trialStatus: 'COMPLETED' })).toThrow(RuleViolationError);
    expect(() => nextProtocolVersion(draft, { trialStatus: 'COMPLETED' })).toThrow('a COMPLETED trial takes no new protocol version');
  });
});
