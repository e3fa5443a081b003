import { calendarDateIn } from '@trialstream/contracts';
import { siteTimeZone, startOfDayIn, windowClosedAt } from './site-calendar';

const sites = [{ siteId: 'BJ-01', timeZone: 'Asia/Shanghai' }];

describe("the site's calendar", () => {
  it("gives the site's time zone, and UTC's when the protocol does not list the site", () => {
    expect(siteTimeZone(sites, 'BJ-01')).toBe('Asia/Shanghai');
    expect(siteTimeZone(sites, 'SH-02')).toBe('UTC');
    expect(siteTimeZone(null, 'BJ-01')).toBe('UTC');
  });

  it('starts a day at midnight on the wall clock of the zone', () => {
    expect(startOfDayIn('2015-06-09', 'Asia/Shanghai').toISOString()).toBe('2015-06-08T16:00:00.000Z');
    expect(startOfDayIn('2015-06-09', 'UTC').toISOString()).toBe('2015-06-09T00:00:00.000Z');
    expect(startOfDayIn('2015-06-09', 'America/New_York').toISOString()).toBe('2015-06-09T04:00:00.000Z');
  });

  it('finds midnight on the days the offset changes, and on a day that starts at 01:00', () => {
    // New York moved its clocks forward at 02:00 on 8 March 2015 and back at 02:00 on 1 November.
    expect(startOfDayIn('2015-03-08', 'America/New_York').toISOString()).toBe('2015-03-08T05:00:00.000Z');
    expect(startOfDayIn('2015-03-09', 'America/New_York').toISOString()).toBe('2015-03-09T04:00:00.000Z');
    expect(startOfDayIn('2015-11-01', 'America/New_York').toISOString()).toBe('2015-11-01T04:00:00.000Z');
    // Sao Paulo skipped from midnight to 01:00 on 4 November 2018, and went back from midnight to 23:00 on 17 February 2019.
    expect(startOfDayIn('2018-11-04', 'America/Sao_Paulo').toISOString()).toBe('2018-11-04T03:00:00.000Z');
    expect(startOfDayIn('2019-02-17', 'America/Sao_Paulo').toISOString()).toBe('2019-02-17T03:00:00.000Z');
  });

  it('closes a window at the end of its last day at the site', () => {
    const closed = windowClosedAt('2015-06-16', 'Asia/Shanghai');
    expect(closed.toISOString()).toBe('2015-06-16T16:00:00.000Z');
    expect(calendarDateIn(new Date(closed.getTime() - 1), 'Asia/Shanghai')).toBe('2015-06-16');
  });
});
