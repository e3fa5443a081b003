import { addDays } from '@trialstream/contracts';
import type { GivenInfusion } from './deviation';
import { treatmentEndAfterMissed, type InfusionVisit } from './treatment-end';

/** The reference plan: six infusions from 8 June 2015, the last on day 49; infusions 1-5 given. */
const visits: InfusionVisit[] = [0, 7, 14, 21, 35, 49].map((day, i) => {
  const plannedDate = addDays('2015-06-08', day);
  return { number: i + 1, plannedDate, windowOpens: addDays(plannedDate, -1), windowCloses: addDays(plannedDate, 1), status: i < 5 ? 'ADMINISTERED' : 'PLANNED' };
});
const given = (number: number, administeredOn = visits[number - 1].plannedDate): GivenInfusion => ({ number, administeredOn, administeredAt: new Date(`${administeredOn}T09:00:00+08:00`) });
const firstFive = [1, 2, 3, 4, 5].map((n) => given(n));
const missedSixth = { infusionNumber: 6, windowCloses: '2015-07-28' };
const withStatus = (statuses: Record<number, InfusionVisit['status']>) => visits.map((v) => ({ ...v, status: statuses[v.number] ?? v.status }));

describe('treatment ended by a missed last infusion', () => {
  it('ends when the last infusion is missed: the infusions given, counted once, and the day of the latest', () => {
    expect(treatmentEndAfterMissed(missedSixth, visits, firstFive, false)).toEqual({ lastInfusionDate: '2015-07-13', infusionsGiven: 5 });
    // Infusions 4 and 5 missed too; infusion 3 given twice (a repeat), the second time later.
    const fewer = withStatus({ 4: 'PLANNED', 5: 'PLANNED' });
    expect(treatmentEndAfterMissed(missedSixth, fewer, [given(1), given(2), given(3), given(3, '2015-06-23')], false)).toEqual({ lastInfusionDate: '2015-06-23', infusionsGiven: 3 });
  });

  it('does not end on a missed infusion before the last', () => {
    expect(treatmentEndAfterMissed({ infusionNumber: 5, windowCloses: '2015-07-15' }, withStatus({ 5: 'PLANNED' }), [1, 2, 3, 4].map((n) => given(n)), false)).toBeUndefined();
  });

  it('ends on the last infusion still planned when a newer plan dropped the ones after it', () => {
    const fivePlanned = withStatus({ 5: 'PLANNED', 6: 'CANCELLED' });
    expect(treatmentEndAfterMissed({ infusionNumber: 5, windowCloses: '2015-07-14' }, fivePlanned, [1, 2, 3, 4].map((n) => given(n)), false)).toEqual({ lastInfusionDate: '2015-06-29', infusionsGiven: 4 });
    expect(treatmentEndAfterMissed(missedSixth, fivePlanned, [1, 2, 3, 4].map((n) => given(n)), false)).toBeUndefined();
  });

  it('ends nothing for a miss that no longer holds: the infusion recorded meanwhile, or its window moved since', () => {
    expect(treatmentEndAfterMissed(missedSixth, withStatus({ 6: 'ADMINISTERED' }), [...firstFive, given(6, '2015-07-29')], false)).toBeUndefined();
    expect(treatmentEndAfterMissed({ infusionNumber: 6, windowCloses: '2015-07-20' }, visits, firstFive, false)).toBeUndefined();
  });

  it('ends nothing for a withdrawn subject, nor for one never given an infusion', () => {
    expect(treatmentEndAfterMissed(missedSixth, visits, firstFive, true)).toBeUndefined();
    expect(treatmentEndAfterMissed(missedSixth, withStatus({ 1: 'PLANNED', 2: 'PLANNED', 3: 'PLANNED', 4: 'PLANNED', 5: 'PLANNED' }), [], false)).toBeUndefined();
  });
});
