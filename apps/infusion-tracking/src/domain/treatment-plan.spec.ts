import { sampleProtocolPublished } from '@trialstream/testing';
import { treatmentPlanFrom } from './treatment-plan';

describe('treatmentPlanFrom', () => {
  const published = sampleProtocolPublished('NCT02491658');

  it('keeps the six infusions inside eight weeks, in order', () => {
    const plan = treatmentPlanFrom(published);
    expect(plan.infusions.map((i) => i.dayOffset)).toEqual([0, 7, 14, 21, 35, 49]);
    expect(Math.max(...plan.infusions.map((i) => i.dayOffset + i.windowDaysAfter))).toBeLessThanOrEqual(56);
  });

  it('counts follow-up visits from the last infusion (day 49): months 1, 3, 6, 9, 12', () => {
    expect(treatmentPlanFrom(published).followUpDayOffsets).toEqual([79, 140, 231, 322, 414]);
  });

  it("keeps the sites' time zones, on whose calendars visit windows open; none when the protocol lists none", () => {
    expect(treatmentPlanFrom(published).sites).toEqual([{ siteId: 'BJ-01', timeZone: 'Asia/Shanghai' }]);
    expect(treatmentPlanFrom({ ...published, protocol: { ...published.protocol, sites: undefined } }).sites).toBeNull();
  });

  it('orders infusions given out of order by their number', () => {
    const shuffled = { ...published, protocol: { ...published.protocol, infusions: [...published.protocol.infusions].reverse() } };
    expect(treatmentPlanFrom(shuffled).infusions.map((i) => i.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(treatmentPlanFrom(shuffled).followUpDayOffsets[0]).toBe(79);
  });
});
