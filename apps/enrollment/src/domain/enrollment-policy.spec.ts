import { sampleTrialRegistered } from '@trialstream/testing';
import { enrollmentPolicyFrom } from './enrollment-policy';

describe('enrollmentPolicyFrom', () => {
  it('keeps the eligibility rules, the enrollment target and the protocol version', () => {
    const policy = enrollmentPolicyFrom(sampleTrialRegistered('NCT02491658'));
    expect(policy).toMatchObject({
      trialId: 'NCT02491658',
      protocolVersion: 1,
      overallStatus: 'RECRUITING',
      enrollmentTarget: 30,
      eligibility: { age: { minYears: 18, maxYears: 65 }, minimumBaselinePasi: 8, requiredNegativeTests: ['HBV', 'HCV', 'HIV'] },
    });
  });

  it('gives no policy for a trial without an executable protocol', () => {
    expect(enrollmentPolicyFrom(sampleTrialRegistered('NCT03745417', false))).toBeNull();
  });
});
