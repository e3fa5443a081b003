import { sampleProtocolPublished } from '@trialstream/testing';
import { scheduleVisits } from './subject-schedule';
import { treatmentPlanFrom } from './treatment-plan';

describe('scheduleVisits', () => {
  const plan = treatmentPlanFrom(sampleProtocolPublished('NCT02491658'));
  const visits = scheduleVisits(plan, '2015-06-08', 70);

  it('plans six infusions on days 0, 7, 14, 21, 35, 49 from the first one, each with its window', () => {
    const infusions = visits.filter((v) => v.kind === 'INFUSION');
    expect(infusions.map((v) => v.plannedDate)).toEqual(['2015-06-08', '2015-06-15', '2015-06-22', '2015-06-29', '2015-07-13', '2015-07-27']);
    expect(infusions[1]).toMatchObject({ windowOpens: '2015-06-14', windowCloses: '2015-06-16' });
  });

  it('doses 1x10^6 cells per kg: 7.0x10^7 cells for 70 kg, within +/-10 %', () => {
    expect(visits[0].dose).toEqual({ cells: 70_000_000, minCells: 63_000_000, maxCells: 77_000_000 });
  });

  it('follows up at months 1, 3, 6, 9 and 12 after the last infusion, with a +/-7 day window', () => {
    const followUps = visits.filter((v) => v.kind === 'FOLLOW_UP');
    expect(followUps.map((v) => v.plannedDate)).toEqual(['2015-08-26', '2015-10-26', '2016-01-25', '2016-04-25', '2016-07-26']);
    expect(followUps[4]).toMatchObject({ windowOpens: '2016-07-19', windowCloses: '2016-08-02' });
  });
});
