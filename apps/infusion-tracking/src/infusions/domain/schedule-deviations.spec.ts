import type { GivenInfusion, InfusionWindow } from './deviation';
import { orderDeviation, repeatDeviation, windowDeviation } from './schedule-deviations';

/** The reference schedule from a first infusion on 8 June 2015: days 0, 7, 14, 21, 35, 49. */
const plan: InfusionWindow[] = [
  { number: 1, plannedDate: '2015-06-08', windowOpens: '2015-06-08', windowCloses: '2015-06-08' },
  { number: 2, plannedDate: '2015-06-15', windowOpens: '2015-06-14', windowCloses: '2015-06-16' },
  { number: 3, plannedDate: '2015-06-22', windowOpens: '2015-06-21', windowCloses: '2015-06-23' },
  { number: 4, plannedDate: '2015-06-29', windowOpens: '2015-06-28', windowCloses: '2015-06-30' },
  { number: 5, plannedDate: '2015-07-13', windowOpens: '2015-07-11', windowCloses: '2015-07-15' },
  { number: 6, plannedDate: '2015-07-27', windowOpens: '2015-07-25', windowCloses: '2015-07-29' },
];
const given = (number: number, on: string, hour = 9): GivenInfusion => ({ number, administeredOn: on, administeredAt: new Date(`${on}T0${hour}:00:00+08:00`) });
const at = (on: string, hour = 9) => new Date(`${on}T0${hour}:00:00+08:00`);

describe('window', () => {
  it('takes an infusion on the first and the last day of its window, and flags the day before and the day after', () => {
    expect(windowDeviation(plan[1], '2015-06-14')).toBeUndefined();
    expect(windowDeviation(plan[1], '2015-06-16')).toBeUndefined();
    expect(windowDeviation(plan[1], '2015-06-13')).toEqual({
      kind: 'OUTSIDE_WINDOW',
      rule: 'infusion 2 within its window around 2015-06-15',
      observed: 'given on 2015-06-13 (-2 days)',
      allowed: '2015-06-14 to 2015-06-16',
    });
    expect(windowDeviation(plan[1], '2015-06-17')?.observed).toBe('given on 2015-06-17 (+2 days)');
  });

  it('gives the first infusion, with no window either side, only on its day', () => {
    expect(windowDeviation(plan[0], '2015-06-08')).toBeUndefined();
    expect(windowDeviation(plan[0], '2015-06-09')?.allowed).toBe('2015-06-08 to 2015-06-08');
  });
});

describe('repeat', () => {
  it('flags an infusion number given a second time, naming the first', () => {
    expect(repeatDeviation(2, '2015-06-15', [given(1, '2015-06-08')])).toBeUndefined();
    expect(repeatDeviation(2, '2015-06-16', [given(1, '2015-06-08'), given(2, '2015-06-15')])).toEqual({
      kind: 'REPEATED_INFUSION',
      rule: 'each planned infusion is given once',
      observed: 'infusion 2 again on 2015-06-16',
      allowed: 'once (given on 2015-06-15)',
    });
  });
});

describe('order', () => {
  const first = [given(1, '2015-06-08')];

  it('takes the next infusion in turn', () => {
    expect(orderDeviation(2, at('2015-06-15'), '2015-06-15', plan, first)).toBeUndefined();
  });

  it('flags an infusion given while an earlier one is still due', () => {
    expect(orderDeviation(3, at('2015-06-16'), '2015-06-16', plan, first)).toEqual({
      kind: 'OUT_OF_ORDER',
      rule: 'infusions are given in their numbered order',
      observed: 'infusion 3 on 2015-06-16: infusion 2 not given yet, its window open until 2015-06-16',
      allowed: 'after infusion 2, before infusion 4',
    });
  });

  it('takes an infusion after an earlier one was missed: its window closed the day before', () => {
    expect(orderDeviation(3, at('2015-06-17'), '2015-06-17', plan, first)).toBeUndefined();
  });

  it('flags an infusion given before an earlier-numbered one, or after a later-numbered one, by the instants given', () => {
    const thirdFirst = [...first, given(3, '2015-06-15', 8)];
    expect(orderDeviation(2, at('2015-06-15', 9), '2015-06-15', plan, thirdFirst)?.observed).toBe('infusion 2 on 2015-06-15: infusion 3 given before it, on 2015-06-15');
    const secondLater = [...first, given(2, '2015-06-15', 9)];
    expect(orderDeviation(3, at('2015-06-15', 8), '2015-06-15', plan, secondLater)?.observed).toBe('infusion 3 on 2015-06-15: infusion 2 given after it, on 2015-06-15');
  });

  it('takes infusions reported in another order than they were given', () => {
    const fourthReportedFirst = [...first, given(2, '2015-06-15'), given(4, '2015-06-29')];
    expect(orderDeviation(3, at('2015-06-22'), '2015-06-22', plan, fourthReportedFirst)).toBeUndefined();
  });

  it('names only the neighbour there is for the first and the last infusion', () => {
    expect(orderDeviation(1, at('2015-06-08'), '2015-06-08', plan, [given(2, '2015-06-07')])?.allowed).toBe('before infusion 2');
    expect(orderDeviation(6, at('2015-07-27'), '2015-07-27', plan, [given(5, '2015-07-28')])?.allowed).toBe('after infusion 5');
  });
});
