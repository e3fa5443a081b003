import { sampleProtocolPublished } from '@trialstream/testing';
import { safetyPolicyFrom, siteTimeZone } from './safety-policy';

describe('safetyPolicyFrom', () => {
  const policy = safetyPolicyFrom(sampleProtocolPublished('NCT02491658'));

  it('splits stopping rules into those that stop a subject and those that stop the trial', () => {
    expect(policy.subjectStoppingRules.map((r) => r.id)).toEqual(['SR-SUBJECT']);
    expect(policy.trialStoppingRules.map((r) => r.id)).toEqual(['SR-TRIAL']);
  });

  it('keeps the expedited-reporting clocks: 7 (+8) days fatal or life-threatening, 15 days other SUSARs', () => {
    expect(policy.expeditedReporting).toEqual({ fatalOrLifeThreateningDays: 7, completionFollowUpDays: 8, otherSusarDays: 15 });
  });

  it("keeps the sites, so a deadline ends with the subject's site's day; UTC for a site the protocol does not list", () => {
    expect(siteTimeZone(policy, 'BJ-01')).toBe('Asia/Shanghai');
    expect(siteTimeZone(policy, 'SH-02')).toBe('UTC');
    expect(siteTimeZone({ sites: null }, 'BJ-01')).toBe('UTC');
  });

  it('keeps the investigational products the arms give, each once', () => {
    const twoArms = sampleProtocolPublished('NCT02491658');
    twoArms.protocol.arms = [
      { label: 'high dose', type: 'EXPERIMENTAL', interventionNames: ['UC-MSCs'] },
      { label: 'low dose', type: 'EXPERIMENTAL', interventionNames: ['UC-MSCs', 'Saline'] },
    ];
    expect(safetyPolicyFrom(twoArms).investigationalProducts).toEqual(['UC-MSCs', 'Saline']);
  });
});
