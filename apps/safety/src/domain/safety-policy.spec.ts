import { sampleTrialRegistered } from '@trialstream/testing';
import { safetyPolicyFrom } from './safety-policy';

describe('safetyPolicyFrom', () => {
  it('splits stopping rules into those that stop a subject and those that stop the trial', () => {
    const policy = safetyPolicyFrom(sampleTrialRegistered('NCT02491658'))!;
    expect(policy.subjectStoppingRules.map((r) => r.id)).toEqual(['SR-SUBJECT']);
    expect(policy.trialStoppingRules.map((r) => r.id)).toEqual(['SR-TRIAL']);
  });

  it('keeps the expedited-reporting clocks: 7 (+8) days fatal or life-threatening, 15 days other SUSARs', () => {
    expect(safetyPolicyFrom(sampleTrialRegistered('NCT02491658'))!.expeditedReporting).toEqual({
      fatalOrLifeThreateningDays: 7,
      completionFollowUpDays: 8,
      otherSusarDays: 15,
    });
  });

  it('gives no policy for a trial without an executable protocol', () => {
    expect(safetyPolicyFrom(sampleTrialRegistered('NCT03745417', false))).toBeNull();
  });
});
