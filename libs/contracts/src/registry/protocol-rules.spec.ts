import { validatePlain } from '../validation';
import { ProtocolDefinition } from './protocol';

const protocol = {
  version: 1,
  effectiveDate: '2015-04-30',
  arms: [{ label: 'UC-MSCs', type: 'EXPERIMENTAL', interventionNames: ['UC-MSCs'] }],
  enrollmentTarget: 30,
  informedConsentVersion: '1.0',
  eligibility: {
    age: { minYears: 18, maxYears: 65 },
    sex: 'ALL',
    minimumBaselinePasi: 8,
    washouts: [],
    requiredNegativeTests: ['HBV'],
    exclusions: [],
  },
  dosing: { cellsPerKg: 1_000_000, tolerancePercent: 10 },
  infusions: [0, 7, 14, 21, 35, 49].map((dayOffset, i) => ({ number: i + 1, dayOffset, windowDaysBefore: 1, windowDaysAfter: 1 })),
  assessments: [
    { instrument: 'PASI', timepoint: 'BASELINE' },
    { instrument: 'DLQI', timepoint: 'AFTER_INFUSION', afterInfusion: 6 },
  ],
  followUp: { durationDays: 365, visitDays: [30, 91, 182, 273, 365], windowDays: 7 },
  safety: { stoppingRules: [], expeditedReporting: { fatalOrLifeThreateningDays: 7, completionFollowUpDays: 8, otherSusarDays: 15 } },
};

const broken = (patch: Record<string, unknown>) =>
  validatePlain(ProtocolDefinition, { ...protocol, ...patch }).violations.map((v) => `${v.field} [${v.rule}]`);

describe('protocol rules across fields', () => {
  it('accepts the reference schedule: six infusions on days 0, 7, 14, 21, 35, 49', () => {
    expect(broken({})).toEqual([]);
  });

  it('rejects infusion numbers with a gap or a repeat, and days that do not rise', () => {
    const infusions = protocol.infusions;
    expect(broken({ infusions: [infusions[0], { ...infusions[1], number: 3 }] })).toContain('infusions [infusionSchedule]');
    expect(broken({ infusions: [infusions[0], { ...infusions[1], number: 1 }] })).toContain('infusions [infusionSchedule]');
    expect(broken({ infusions: [infusions[0], { ...infusions[1], dayOffset: 0 }] })).toContain('infusions [infusionSchedule]');
  });

  it('rejects a maximum age below the minimum (equal is fine)', () => {
    const at = (minYears: number, maxYears: number) => broken({ eligibility: { ...protocol.eligibility, age: { minYears, maxYears } } });
    expect(at(65, 18)).toEqual(['eligibility.age.maxYears [notBelowField]']);
    expect(at(40, 40)).toEqual([]);
  });

  it('rejects follow-up visits that do not rise or fall outside the follow-up period', () => {
    expect(broken({ followUp: { ...protocol.followUp, visitDays: [30, 20] } })).toEqual(['followUp.visitDays [risingVisitDays]']);
    expect(broken({ followUp: { ...protocol.followUp, visitDays: [30, 400] } })).toEqual(['followUp.visitDays [risingVisitDays]']);
  });

  it('ties assessments after an infusion to a planned infusion', () => {
    expect(broken({ assessments: [{ instrument: 'PASI', timepoint: 'AFTER_INFUSION', afterInfusion: 7 }] })).toEqual([
      'assessments [assessmentAfterKnownInfusion]',
    ]);
    expect(broken({ assessments: [{ instrument: 'PASI', timepoint: 'AFTER_INFUSION' }] })).toEqual(['assessments [assessmentAfterKnownInfusion]']);
    expect(broken({ assessments: [{ instrument: 'PASI', timepoint: 'BASELINE', afterInfusion: 2 }] })).toEqual([
      'assessments [assessmentAfterKnownInfusion]',
    ]);
  });
});
