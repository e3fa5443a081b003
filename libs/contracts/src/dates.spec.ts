import { addDays, calendarDateIn, compareCalendarDates, daysBetween, isCalendarDate, isInstant, startOfDayIn, yearOf } from './dates';

describe('calendar dates', () => {
  it.each(['2015-06-01', '2016-02-29', '2026-12-31', '1900-01-01'])('accepts the real day %s', (date) => {
    expect(isCalendarDate(date)).toBe(true);
  });

  it.each(['2026-02-30', '2015-02-29', '2015-13-01', '2015-00-10', '2015-06-1', '2015', '20150601', '2015-W23', '2015-06-01T00:00:00Z', ' 2015-06-01', 20150601])(
    'refuses %p',
    (value) => {
      expect(isCalendarDate(value)).toBe(false);
    },
  );

  it('agrees with the JavaScript calendar on every day from 1600 to 2400, and on the days that do not exist', () => {
    const epoch = Date.UTC(2000, 0, 1);
    for (let ms = Date.UTC(1600, 0, 1); ms <= Date.UTC(2400, 11, 31); ms += 86_400_000) {
      const date = new Date(ms).toISOString().slice(0, 10);
      expect(daysBetween('2000-01-01', date)).toBe((ms - epoch) / 86_400_000);
    }
    for (const year of [1700, 1900, 2000, 2023, 2024, 2100]) {
      for (let month = 1; month <= 12; month++) {
        for (const day of [0, 28, 29, 30, 31, 32]) {
          const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          const real = new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
          expect(isCalendarDate(date)).toBe(real);
        }
      }
    }
  });

  it.each(['2015-06-0a', '2015/06/01', '2015-06-01 ', '+015-06-01', '0000-01-01'])('refuses the near miss %p', (value) => {
    expect(isCalendarDate(value)).toBe(false);
  });

  it('counts whole days across month, year and leap-day boundaries', () => {
    expect(daysBetween('2015-05-04', '2015-06-01')).toBe(28);
    expect(daysBetween('2015-12-31', '2016-01-01')).toBe(1);
    expect(daysBetween('2016-02-28', '2016-03-01')).toBe(2);
    expect(daysBetween('2015-06-01', '2015-05-31')).toBe(-1);
    expect(addDays('2016-02-28', 1)).toBe('2016-02-29');
    expect(addDays('2015-12-31', 1)).toBe('2016-01-01');
    expect(yearOf('2015-06-01')).toBe(2015);
  });

  it('orders dates as days, and refuses to compare what is not a date', () => {
    expect(compareCalendarDates('2015-06-01', '2015-06-02')).toBeLessThan(0);
    expect(compareCalendarDates('2015-06-01', '2015-06-01')).toBe(0);
    expect(() => compareCalendarDates('2015-6-1', '2015-06-01')).toThrow(RangeError);
  });

  it("gives the site's day for an instant: 07:00 in Beijing is still the previous day in UTC", () => {
    const instant = new Date('2015-06-01T23:00:00Z');
    expect(calendarDateIn(instant, 'Asia/Shanghai')).toBe('2015-06-02');
    expect(calendarDateIn(instant, 'UTC')).toBe('2015-06-01');
    expect(calendarDateIn(instant, 'America/New_York')).toBe('2015-06-01');
  });

  it("begins a day at midnight on the site's calendar: 16:00 UTC the day before in Beijing", () => {
    expect(startOfDayIn('2015-08-19', 'Asia/Shanghai').toISOString()).toBe('2015-08-18T16:00:00.000Z');
    expect(startOfDayIn('2015-08-19', 'UTC').toISOString()).toBe('2015-08-19T00:00:00.000Z');
    expect(startOfDayIn('2015-08-19', 'America/New_York').toISOString()).toBe('2015-08-19T04:00:00.000Z');
  });

  it('begins a day at midnight on either side of a daylight-saving change that happens at 02:00', () => {
    expect(startOfDayIn('2016-03-13', 'America/New_York').toISOString()).toBe('2016-03-13T05:00:00.000Z');
    expect(startOfDayIn('2016-03-14', 'America/New_York').toISOString()).toBe('2016-03-14T04:00:00.000Z');
    expect(startOfDayIn('2016-11-06', 'America/New_York').toISOString()).toBe('2016-11-06T04:00:00.000Z');
  });

  it('begins a day whose midnight a change skips at 01:00, and the day after clocks went back from midnight to 23:00 at its own midnight', () => {
    // Sao Paulo moved its clocks from 00:00 to 01:00 on 2018-11-04, and from 00:00 back to 23:00 on 2019-02-17.
    expect(startOfDayIn('2018-11-04', 'America/Sao_Paulo').toISOString()).toBe('2018-11-04T03:00:00.000Z');
    expect(startOfDayIn('2019-02-16', 'America/Sao_Paulo').toISOString()).toBe('2019-02-16T02:00:00.000Z');
    expect(startOfDayIn('2019-02-17', 'America/Sao_Paulo').toISOString()).toBe('2019-02-17T03:00:00.000Z');
  });
});

describe('startOfDayIn', () => {
  it("gives the instant a site's day begins: midnight in Beijing is 16:00 UTC the day before", () => {
    expect(startOfDayIn('2015-06-09', 'Asia/Shanghai').toISOString()).toBe('2015-06-08T16:00:00.000Z');
    expect(startOfDayIn('2016-01-01', 'UTC').toISOString()).toBe('2016-01-01T00:00:00.000Z');
    expect(startOfDayIn('2016-03-01', 'America/New_York').toISOString()).toBe('2016-03-01T05:00:00.000Z');
  });

  it('follows daylight saving: summer midnight in New York, and a day whose midnight does not exist', () => {
    expect(startOfDayIn('2015-06-09', 'America/New_York').toISOString()).toBe('2015-06-09T04:00:00.000Z');
    // Sao Paulo moved its clocks from 00:00 to 01:00 on 2018-11-04: that day began at 01:00 local (03:00 UTC).
    expect(startOfDayIn('2018-11-04', 'America/Sao_Paulo').toISOString()).toBe('2018-11-04T03:00:00.000Z');
    // Samoa skipped 2011-12-30: it "begins" with the next day, at 00:00 of the 31st in Apia (UTC+14).
    expect(startOfDayIn('2011-12-30', 'Pacific/Apia').toISOString()).toBe('2011-12-30T10:00:00.000Z');
  });
});

describe('instants', () => {
  it.each(['2015-06-01T08:30:00Z', '2015-06-01T08:30:00.123Z', '2015-06-01T08:30:00+08:00', '2015-06-01T23:59:59-05:30'])('accepts %s', (value) => {
    expect(isInstant(value)).toBe(true);
  });

  it.each(['2015-06-01', '2015-06-01T08:30:00', '2015-06-01 08:30:00Z', '2015-06-01t08:30:00z', '2015-02-30T08:30:00Z', '2015-06-01T24:00:00Z', '2015-06-01T23:59:60Z'])(
    'refuses %s',
    (value) => {
      expect(isInstant(value)).toBe(false);
    },
  );
});
