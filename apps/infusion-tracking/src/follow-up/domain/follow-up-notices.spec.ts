import { noticeDueAt, noticeKey, withinWindow } from './follow-up-notices';

// The reference trial's first follow-up visit of a subject whose first infusion was on 2015-06-08.
const visit = { number: 1, plannedDate: '2015-08-26', windowOpens: '2015-08-19', windowCloses: '2015-09-02' };

describe('follow-up notices', () => {
  it("is due when the window's first day begins at the site: midnight in Beijing is 16:00 UTC the day before", () => {
    expect(noticeDueAt('due', visit, 'Asia/Shanghai').toISOString()).toBe('2015-08-18T16:00:00.000Z');
    expect(noticeDueAt('due', visit, 'UTC').toISOString()).toBe('2015-08-19T00:00:00.000Z');
  });

  it("is overdue when the window's last day has ended at the site: the start of the day after it", () => {
    expect(noticeDueAt('overdue', visit, 'Asia/Shanghai').toISOString()).toBe('2015-09-02T16:00:00.000Z');
    expect(noticeDueAt('overdue', visit, 'America/New_York').toISOString()).toBe('2015-09-03T04:00:00.000Z');
  });

  it('keys each notice by trial, subject and visit', () => {
    expect(noticeKey('due', 'NCT02491658', 'S-100', 1)).toBe('follow-up-due/NCT02491658/S-100/1');
    expect(noticeKey('overdue', 'NCT02491658', 'S-100', 1)).not.toBe(noticeKey('due', 'NCT02491658', 'S-100', 1));
  });

  it('counts a visit on the first or last day of its window as within it, and one a day outside as not', () => {
    expect(['2015-08-18', '2015-08-19', '2015-09-02', '2015-09-03'].map((date) => withinWindow(visit, date))).toEqual([false, true, true, false]);
  });
});
