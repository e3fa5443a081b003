import { sampleProtocolPublished } from '@trialstream/testing';
import { enrollmentPolicyFrom } from './enrollment-policy';

describe('enrollmentPolicyFrom', () => {
  it('keeps the eligibility rules, the enrollment target and the protocol version', () => {
    expect(enrollmentPolicyFrom(sampleProtocolPublished('NCT02491658', 2))).toMatchObject({
      trialId: 'NCT02491658',
      protocolVersion: 2,
      enrollmentTarget: 30,
      eligibility: { age: { minYears: 18, maxYears: 65 }, minimumBaselinePasi: 8, requiredNegativeTests: ['HBV', 'HCV', 'HIV'] },
    });
  });
});
