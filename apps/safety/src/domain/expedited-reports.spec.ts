import { refusalOf } from '@trialstream/testing';
import { assertCanRecordSubmission, clockChanges, overdueAt, requiredReports, type ClockState, type VersionFacts } from './expedited-reports';

const CLOCKS = { fatalOrLifeThreateningDays: 7, completionFollowUpDays: 8, otherSusarDays: 15 };
const fatalSusar = { susar: true, fatalOrLifeThreatening: true };
const otherSusar = { susar: true, fatalOrLifeThreatening: false };
const notSusar = { susar: false, fatalOrLifeThreatening: false };
const version = (n: number, awareDate: string, classification: VersionFacts['classification']): VersionFacts => ({ version: n, awareDate, classification });
const dueDates = (versions: VersionFacts[]) => requiredReports(versions, CLOCKS).map((r) => `${r.report} ${r.dueDate}`);

describe('requiredReports: expedited-report due dates in calendar days, day 0 = the day the sponsor became aware', () => {
  it('gives a fatal or life-threatening SUSAR 7 days and its completed report 8 more; another SUSAR 15 days', () => {
    expect(requiredReports([version(1, '2015-06-10', fatalSusar)], CLOCKS)).toEqual([
      { report: 'INITIAL', basis: 'FATAL_OR_LIFE_THREATENING', dayZero: '2015-06-10', dueDate: '2015-06-17' },
      { report: 'COMPLETION', basis: 'FATAL_OR_LIFE_THREATENING', dayZero: '2015-06-10', dueDate: '2015-06-25' },
    ]);
    expect(requiredReports([version(1, '2015-06-10', otherSusar)], CLOCKS)).toEqual([
      { report: 'INITIAL', basis: 'OTHER_SUSAR', dayZero: '2015-06-10', dueDate: '2015-06-25' },
    ]);
    expect(requiredReports([version(1, '2015-06-10', notSusar)], CLOCKS)).toEqual([]);
  });

  it.each([
    ['a month end', '2015-06-26', fatalSusar, ['INITIAL 2015-07-03', 'COMPLETION 2015-07-11']],
    ['a year end', '2015-12-28', fatalSusar, ['INITIAL 2016-01-04', 'COMPLETION 2016-01-12']],
    ['a leap day', '2016-02-22', fatalSusar, ['INITIAL 2016-02-29', 'COMPLETION 2016-03-08']],
    ['February of a common year', '2015-02-22', fatalSusar, ['INITIAL 2015-03-01', 'COMPLETION 2015-03-09']],
    ['a leap February, 15 days', '2016-02-14', otherSusar, ['INITIAL 2016-02-29']],
    ['a year end, 15 days', '2015-12-20', otherSusar, ['INITIAL 2016-01-04']],
  ])('counts across %s', (_boundary, awareDate, classification, expected) => {
    expect(dueDates([version(1, awareDate as string, classification as VersionFacts['classification'])])).toEqual(expected);
  });

  it('starts the 7-day clock on the day a follow-up brought the news that made a SUSAR fatal', () => {
    const versions = [version(1, '2015-06-10', otherSusar), version(2, '2015-06-14', fatalSusar)];
    expect(dueDates(versions)).toEqual(['INITIAL 2015-06-21', 'COMPLETION 2015-06-29']);
  });

  it('keeps day 0 through follow-ups that leave the case what it was', () => {
    const versions = [version(1, '2015-06-10', fatalSusar), version(2, '2015-06-12', fatalSusar), version(3, '2015-06-13', fatalSusar)];
    expect(dueDates(versions)).toEqual(['INITIAL 2015-06-17', 'COMPLETION 2015-06-25']);
  });

  it('calls for no report once a follow-up says the event was expected, and restarts from the news if it becomes a SUSAR again', () => {
    const stopped = [version(1, '2015-06-10', otherSusar), version(2, '2015-06-12', notSusar)];
    expect(dueDates(stopped)).toEqual([]);
    expect(dueDates([...stopped, version(3, '2015-06-20', otherSusar)])).toEqual(['INITIAL 2015-07-05']);
  });

  it('uses the protocol\'s numbers, not fixed ones', () => {
    const stricter = { fatalOrLifeThreateningDays: 3, completionFollowUpDays: 5, otherSusarDays: 10 };
    expect(requiredReports([version(1, '2015-06-10', fatalSusar)], stricter).map((r) => r.dueDate)).toEqual(['2015-06-13', '2015-06-18']);
  });
});

describe('clockChanges: re-classification on every new case version', () => {
  const open = (report: 'INITIAL' | 'COMPLETION', basis: ClockState['basis'], dueDate: string, status: ClockState['status'] = 'OPEN'): ClockState => ({ report, basis, dueDate, status });
  const fatal = requiredReports([version(1, '2015-06-10', fatalSusar)], CLOCKS);
  const other = requiredReports([version(1, '2015-06-10', otherSusar)], CLOCKS);
  const summary = (changes: ReturnType<typeof clockChanges>) =>
    changes.map((c) => (c.change === 'WITHDRAW' ? `WITHDRAW ${c.clock.report}` : `${c.change} ${c.required.report} ${c.required.dueDate}`));

  it('starts the clocks of a case that became a SUSAR', () => {
    expect(summary(clockChanges([], fatal))).toEqual(['START INITIAL 2015-06-17', 'START COMPLETION 2015-06-25']);
  });

  it('changes nothing when a follow-up leaves the due dates as they were', () => {
    expect(clockChanges([open('INITIAL', 'OTHER_SUSAR', '2015-06-25')], other)).toEqual([]);
  });

  it('moves a running clock to the 7-day deadline when the SUSAR becomes fatal, and starts the completion clock', () => {
    const later = requiredReports([version(1, '2015-06-10', otherSusar), version(2, '2015-06-14', fatalSusar)], CLOCKS);
    expect(summary(clockChanges([open('INITIAL', 'OTHER_SUSAR', '2015-06-25')], later))).toEqual(['MOVE INITIAL 2015-06-21', 'START COMPLETION 2015-06-29']);
  });

  it('withdraws the running clocks of a case that stopped being a SUSAR, and leaves a submitted report alone', () => {
    const clocks = [open('INITIAL', 'FATAL_OR_LIFE_THREATENING', '2015-06-17', 'SUBMITTED'), open('COMPLETION', 'FATAL_OR_LIFE_THREATENING', '2015-06-25', 'OVERDUE')];
    expect(summary(clockChanges(clocks, []))).toEqual(['WITHDRAW COMPLETION']);
    expect(clockChanges(clocks, [])).toMatchObject([{ reason: 'the case is no longer a SUSAR' }]);
  });

  it('withdraws the completed report of a SUSAR that is no longer fatal or life-threatening, and moves the first one to 15 days', () => {
    const clocks = [open('INITIAL', 'FATAL_OR_LIFE_THREATENING', '2015-06-17'), open('COMPLETION', 'FATAL_OR_LIFE_THREATENING', '2015-06-25')];
    const changes = clockChanges(clocks, other);
    expect(summary(changes)).toEqual(['MOVE INITIAL 2015-06-25', 'WITHDRAW COMPLETION']);
    expect(changes[1]).toMatchObject({ reason: 'the SUSAR is no longer fatal or life-threatening: no completed report is due' });
  });

  it('keeps a submitted report submitted on the same basis, and reopens it on a new one', () => {
    expect(clockChanges([open('INITIAL', 'OTHER_SUSAR', '2015-06-25', 'SUBMITTED')], other)).toEqual([]);
    expect(summary(clockChanges([open('INITIAL', 'OTHER_SUSAR', '2015-06-25', 'SUBMITTED')], fatal))).toEqual(['MOVE INITIAL 2015-06-17', 'START COMPLETION 2015-06-25']);
  });

  it('keeps the first report submitted when a fatal SUSAR turns out not to be, and withdraws the completed one', () => {
    const clocks = [open('INITIAL', 'FATAL_OR_LIFE_THREATENING', '2015-06-17', 'SUBMITTED'), open('COMPLETION', 'FATAL_OR_LIFE_THREATENING', '2015-06-25')];
    expect(summary(clockChanges(clocks, other))).toEqual(['WITHDRAW COMPLETION']);
  });

  it('keeps a submitted report submitted when an amendment changes the number of days', () => {
    const amended = requiredReports([version(1, '2015-06-10', otherSusar)], { ...CLOCKS, otherSusarDays: 10 });
    expect(clockChanges([open('INITIAL', 'OTHER_SUSAR', '2015-06-25', 'SUBMITTED')], amended)).toEqual([]);
    expect(summary(clockChanges([open('INITIAL', 'OTHER_SUSAR', '2015-06-25')], amended))).toEqual(['MOVE INITIAL 2015-06-20']);
  });

  it('starts again a clock that was withdrawn', () => {
    expect(summary(clockChanges([open('INITIAL', 'OTHER_SUSAR', '2015-06-25', 'WITHDRAWN')], other))).toEqual(['START INITIAL 2015-06-25']);
  });
});

describe('overdueAt: a report is late once its due day has ended at the site', () => {
  it('ends the day at midnight in Beijing, 16:00 UTC', () => {
    expect(overdueAt('2015-06-17', 'Asia/Shanghai').toISOString()).toBe('2015-06-17T16:00:00.000Z');
    expect(overdueAt('2015-12-31', 'UTC').toISOString()).toBe('2016-01-01T00:00:00.000Z');
    expect(overdueAt('2016-02-29', 'America/New_York').toISOString()).toBe('2016-03-01T05:00:00.000Z');
  });
});

describe('assertCanRecordSubmission', () => {
  const now = new Date('2015-06-15T08:00:00Z');
  const refusal = (run: () => unknown) => refusalOf(run, { withKind: true });

  it('records a submission of a report that is due, overdue or already sent to someone else', () => {
    for (const status of ['OPEN', 'OVERDUE', 'SUBMITTED'] as const) {
      expect(refusal(() => assertCanRecordSubmission({ status }, 'INITIAL', 'C-1', new Date('2015-06-14T09:00:00Z'), now))).toBe('accepted');
    }
  });

  it('refuses a report that is not due, and a submission in the future', () => {
    expect(refusal(() => assertCanRecordSubmission(undefined, 'COMPLETION', 'C-1', now, now))).toBe('conflict reportDue');
    expect(refusal(() => assertCanRecordSubmission({ status: 'WITHDRAWN' }, 'INITIAL', 'C-1', now, now))).toBe('conflict reportDue');
    expect(refusal(() => assertCanRecordSubmission({ status: 'OPEN' }, 'INITIAL', 'C-1', new Date('2015-06-15T08:00:01Z'), now))).toBe('invalid notInFuture');
  });
});
