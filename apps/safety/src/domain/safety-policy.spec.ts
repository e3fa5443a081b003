import { sampleProtocolPublished } from '@trialstream/testing';
import { safetyPolicyFrom } from './safety-policy';

describe('safetyPolicyFrom', () => {
  const policy = safetyPolicyFrom(sampleProtocolPublished('NCT02491658'));

  it('splits stopping rules into those that stop a subject and those that stop the trial', () => {
    expect(policy.subjectStoppingRules.map((r) => r.id)).toEqual(['SR-SUBJECT']);
    expect(policy.trialStoppingRules.map((r) => r.id)).toEqual(['SR-TRIAL']);
  });

  it('keeps the expedited-reporting clocks: 7 (+8) days fatal or life-threatening, 15 days other SUSARs', () => {
    expect(policy.expeditedReporting).toEqual({ fatalOrLifeThreateningDays: 7, completionFollowUpDays: 8, otherSusarDays: 15 });
  });
});
