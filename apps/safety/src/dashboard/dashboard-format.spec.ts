import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';

interface Entry { at: string; kind: string; text: string }
interface DashboardFormat {
  countdown(deadline: string, now: number): string;
  timelineOf(lists: { cases: object[]; alerts: object[]; holds: object[] }): Entry[];
}

/** The page's script as a browser runs it: a classic script whose functions become globals. */
const format = (() => {
  const context = {};
  runInNewContext(readFileSync(join(__dirname, 'page', 'dashboard-format.js'), 'utf8'), context);
  return context as DashboardFormat;
})();

describe('the countdown of a report clock', () => {
  const deadline = '2026-12-11T16:00:00.000Z'; // the end of 2026-12-11 at a site on Asia/Shanghai's calendar
  const at = (instant: string) => Date.parse(instant);

  it('gives days and hours, minutes and seconds left', () => {
    expect(format.countdown(deadline, at('2026-11-26T01:38:45.000Z'))).toBe('15 d 14:21:15 left');
    expect(format.countdown(deadline, at('2026-12-10T16:00:00.000Z'))).toBe('1 d 00:00:00 left');
  });

  it('rounds the seconds left up, and is overdue from the deadline itself', () => {
    expect(format.countdown(deadline, at('2026-12-11T15:59:59.001Z'))).toBe('0 d 00:00:01 left');
    expect(format.countdown(deadline, at('2026-12-11T16:00:00.000Z'))).toBe('overdue by 0 d 00:00:00');
    expect(format.countdown(deadline, at('2026-12-11T16:00:00.999Z'))).toBe('overdue by 0 d 00:00:00');
    expect(format.countdown(deadline, at('2026-12-13T17:02:03.000Z'))).toBe('overdue by 2 d 01:02:03');
  });
});

describe("a subject's timeline", () => {
  const reaction = { caseId: 'D-2-IRR-2', term: 'Infusion-related reaction', ctcaeGrade: 3, serious: false, susar: false, currentVersion: 1, openedAt: '2026-11-26T01:38:00.100Z' };
  const hold = { placedAt: '2026-11-26T01:38:00.100Z', reason: 'stopping rule SR-SUBJECT-INFUSION-REACTION', liftedAt: '2026-11-27T09:00:00+08:00', liftedBy: 'Dr Li, DSMB', liftReason: 'DSMB review done' };
  const alert = { raisedAt: '2026-11-26T01:38:00.100Z', severity: 'HIGH', summary: 'Stopping rule triggered', acknowledgedAt: '2026-11-26T02:00:00.000Z', acknowledgedBy: 'Dr Wang' };

  it('puts cases, holds, alerts, acknowledgements and lifts in time order, instants with an offset included', () => {
    const timeline = format.timelineOf({ cases: [reaction], alerts: [alert], holds: [hold] });
    expect(timeline.map((e) => [e.at, e.kind])).toEqual([
      ['2026-11-26T01:38:00.100Z', 'case'],
      ['2026-11-26T01:38:00.100Z', 'hold'],
      ['2026-11-26T01:38:00.100Z', 'alert severity-high'],
      ['2026-11-26T02:00:00.000Z', 'acknowledgement'],
      ['2026-11-27T09:00:00+08:00', 'hold-lifted'],
    ]);
    expect(timeline.map((e) => e.text)).toEqual([
      'Case D-2-IRR-2 opened: Infusion-related reaction, grade 3 (now version 1)',
      'Dosing hold placed: stopping rule SR-SUBJECT-INFUSION-REACTION',
      'HIGH alert: Stopping rule triggered',
      'Alert acknowledged by Dr Wang: Stopping rule triggered',
      'Dosing hold lifted by Dr Li, DSMB: DSMB review done',
    ]);
  });

  it('orders by instant, not by text', () => {
    const early = { ...alert, raisedAt: '2026-11-27T08:30:00+08:00', acknowledgedAt: null };
    const late = { ...alert, raisedAt: '2026-11-27T01:00:00.000Z', summary: 'later', acknowledgedAt: null };
    expect(format.timelineOf({ cases: [], alerts: [late, early], holds: [] }).map((e) => e.at)).toEqual(['2026-11-27T08:30:00+08:00', '2026-11-27T01:00:00.000Z']);
  });
});
