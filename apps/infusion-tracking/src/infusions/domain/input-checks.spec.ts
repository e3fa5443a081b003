import type { InfusionAdministration } from '@trialstream/contracts';
import { administrationProblems, assertGivenByToday } from './input-checks';

const vitals = { systolicMmHg: 120, diastolicMmHg: 80, heartRateBpm: 72, temperatureCelsius: 36.8 };
const report = { vitalSignsBefore: vitals, vitalSignsAfter: vitals } as InfusionAdministration;

describe('impossible reports', () => {
  it('refuses a diastolic pressure at or above the systolic one, naming the reading', () => {
    expect(administrationProblems(report)).toEqual([]);
    expect(administrationProblems({ ...report, vitalSignsBefore: { ...vitals, diastolicMmHg: 119 } })).toEqual([]);
    expect(administrationProblems({ ...report, vitalSignsAfter: { ...vitals, diastolicMmHg: 120 } })).toEqual([
      { field: 'vitalSignsAfter.diastolicMmHg', rule: 'belowSystolic', message: 'vitalSignsAfter: diastolic 120 mmHg is not below systolic 120 mmHg' },
    ]);
  });

  it('refuses an infusion dated after today at the site, and takes one today', () => {
    expect(() => assertGivenByToday('2015-06-15', '2015-06-15')).not.toThrow();
    expect(() => assertGivenByToday('2015-06-16', '2015-06-15')).toThrow('administeredAt falls on 2015-06-16 at the site, after today there (2015-06-15) [notInFuture]');
  });
});
