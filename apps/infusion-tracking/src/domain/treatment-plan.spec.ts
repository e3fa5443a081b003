import { sampleTrialRegistered } from '@trialstream/testing';
import { InvalidTreatmentPlan, treatmentPlanFrom } from './treatment-plan';

describe('treatmentPlanFrom', () => {
  const trial = sampleTrialRegistered('NCT02491658');

  it('keeps the six infusions inside eight weeks, in order', () => {
    const plan = treatmentPlanFrom(trial)!;
    expect(plan.infusions.map((i) => i.dayOffset)).toEqual([0, 7, 14, 21, 35, 49]);
    expect(Math.max(...plan.infusions.map((i) => i.dayOffset + i.windowDaysAfter))).toBeLessThanOrEqual(56);
  });

  it('counts follow-up visits from the last infusion (day 49): months 1, 3, 6, 9, 12', () => {
    expect(treatmentPlanFrom(trial)!.followUpDayOffsets).toEqual([79, 140, 231, 322, 414]);
  });

  it('orders infusions given out of order by their number', () => {
    const shuffled = { ...trial, protocol: { ...trial.protocol!, infusions: [...trial.protocol!.infusions].reverse() } };
    expect(treatmentPlanFrom(shuffled)!.infusions.map((i) => i.number)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('rejects repeated infusion numbers and day offsets that do not rise', () => {
    const infusions = trial.protocol!.infusions;
    const repeated = { ...trial, protocol: { ...trial.protocol!, infusions: [infusions[0], { ...infusions[1], number: 1 }] } };
    expect(() => treatmentPlanFrom(repeated)).toThrow(InvalidTreatmentPlan);
    const backwards = { ...trial, protocol: { ...trial.protocol!, infusions: [infusions[0], { ...infusions[1], dayOffset: 0 }] } };
    expect(() => treatmentPlanFrom(backwards)).toThrow("infusions[1].dayOffset: must be later than infusion 1's");
  });

  it('gives no plan for a trial without an executable protocol', () => {
    expect(treatmentPlanFrom(sampleTrialRegistered('NCT03745417', false))).toBeNull();
  });
});
