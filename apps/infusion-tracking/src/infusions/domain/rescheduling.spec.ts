import type { InfusionWindow } from './deviation';
import { rescheduledAfter } from './rescheduling';

const first: InfusionWindow = { number: 1, plannedDate: '2015-06-08', windowOpens: '2015-06-08', windowCloses: '2015-06-08' };
const third: InfusionWindow = { number: 3, plannedDate: '2015-06-22', windowOpens: '2015-06-21', windowCloses: '2015-06-23' };
const toCome: InfusionWindow[] = [
  { number: 4, plannedDate: '2015-06-29', windowOpens: '2015-06-28', windowCloses: '2015-06-30' },
  { number: 5, plannedDate: '2015-07-13', windowOpens: '2015-07-11', windowCloses: '2015-07-15' },
];

describe('later visits after an infusion given on another day than planned', () => {
  it('keeps the day offsets from the first infusion: infusion 3 a day late moves nothing', () => {
    expect(rescheduledAfter(third, '2015-06-23', toCome)).toEqual([]);
  });

  it('moves every infusion to come with a first infusion given on another day, windows and all', () => {
    expect(rescheduledAfter(first, '2015-06-10', toCome)).toEqual([
      { number: 4, plannedDate: '2015-07-01', windowOpens: '2015-06-30', windowCloses: '2015-07-02' },
      { number: 5, plannedDate: '2015-07-15', windowOpens: '2015-07-13', windowCloses: '2015-07-17' },
    ]);
    expect(rescheduledAfter(first, '2015-06-07', toCome)[0].plannedDate).toBe('2015-06-28');
  });

  it('moves nothing when the first infusion is given on its day', () => {
    expect(rescheduledAfter(first, '2015-06-08', toCome)).toEqual([]);
  });
});
