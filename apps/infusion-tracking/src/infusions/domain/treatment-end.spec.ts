import { addDays } from '@trialstream/contracts';
import type { GivenInfusion, InfusionWindow } from './deviation';
import { treatmentEndAfterMissed } from './treatment-end';

/** The reference plan: six infusions from 8 June 2015, the last on day 49. */
const plan: InfusionWindow[] = [0, 7, 14, 21, 35, 49].map((day, i) => {
  const plannedDate = addDays('2015-06-08', day);
  return { number: i + 1, plannedDate, windowOpens: addDays(plannedDate, -1), windowCloses: addDays(plannedDate, 1) };
});
const given = (number: number, administeredOn = plan[number - 1].plannedDate): GivenInfusion => ({ number, administeredOn, administeredAt: new Date(`${administeredOn}T09:00:00+08:00`) });
const firstFive = [1, 2, 3, 4, 5].map((n) => given(n));

describe('treatment ended by a missed last infusion', () => {
  it('ends when the last infusion is missed: the infusions given, counted once, and the day of the latest', () => {
    expect(treatmentEndAfterMissed(6, plan, firstFive, false)).toEqual({ lastInfusionDate: '2015-07-13', infusionsGiven: 5 });
    // Infusions 4 and 5 missed too; infusion 3 given twice (a repeat), the second time later.
    expect(treatmentEndAfterMissed(6, plan, [given(1), given(2), given(3), given(3, '2015-06-23')], false)).toEqual({ lastInfusionDate: '2015-06-23', infusionsGiven: 3 });
  });

  it('does not end on a missed infusion before the last', () => {
    expect(treatmentEndAfterMissed(5, plan, [1, 2, 3, 4].map((n) => given(n)), false)).toBeUndefined();
    expect(treatmentEndAfterMissed(1, plan, [], false)).toBeUndefined();
  });

  it('leaves it to the record when the last infusion was recorded meanwhile (given late, before the miss was handled)', () => {
    expect(treatmentEndAfterMissed(6, plan, [...firstFive, given(6, '2015-07-29')], false)).toBeUndefined();
  });

  it('ends nothing for a withdrawn subject, nor for one never given an infusion', () => {
    expect(treatmentEndAfterMissed(6, plan, firstFive, true)).toBeUndefined();
    expect(treatmentEndAfterMissed(6, plan, [], false)).toBeUndefined();
  });
});
