import { sampleProtocolPublished } from '@trialstream/testing';
import { scheduleVisits } from '../../domain/subject-schedule';
import { treatmentPlanFrom } from '../../domain/treatment-plan';
import { planReconsent, replanVisits, type HeldVisit } from './replanning';

const version = (protocolVersion: number) => ({ protocolVersion });

describe('planReconsent', () => {
  it('re-plans from the version re-consented to, or a newer one, once it is here', () => {
    expect(planReconsent(2, false, version(1), version(2))).toEqual({ kind: 'REPLAN', current: version(1), plan: version(2) });
    expect(planReconsent(2, false, version(1), version(3))).toEqual({ kind: 'REPLAN', current: version(1), plan: version(3) });
    expect(planReconsent(2, false, version(1), version(1))).toEqual({ kind: 'AWAIT_TREATMENT_PLAN' });
    expect(planReconsent(2, false, version(1), null)).toEqual({ kind: 'AWAIT_TREATMENT_PLAN' });
  });

  it('waits for the visits to be planned, and re-plans nothing for a subject withdrawn or already on the version', () => {
    expect(planReconsent(2, false, null, version(2))).toEqual({ kind: 'AWAIT_VISITS' });
    expect(planReconsent(2, true, version(1), version(2))).toEqual({ kind: 'SUBJECT_WITHDRAWN' });
    expect(planReconsent(2, false, version(2), version(2))).toEqual({ kind: 'ALREADY_PLANNED' });
  });
});

describe('replanVisits', () => {
  const published = sampleProtocolPublished('NCT02491658');
  const v1 = scheduleVisits(treatmentPlanFrom(published), '2015-06-08', 70);
  // The amendment drops the month-9 visit and widens follow-up windows to +/-10 days.
  const amended = { ...published, protocol: { ...published.protocol, version: 2, followUp: { durationDays: 365, visitDays: [30, 91, 182, 365], windowDays: 10 } } };
  const v2 = scheduleVisits(treatmentPlanFrom(amended), '2015-06-08', 70);
  const held = (changes: Partial<Record<number, Partial<HeldVisit>>> = {}): HeldVisit[] =>
    v1.map((visit) => ({ ...visit, status: 'PLANNED' as const, recorded: false, ...(visit.kind === 'FOLLOW_UP' ? changes[visit.number] : {}) }));
  const named = (visits: { kind: string; number: number }[]) => visits.map((v) => `${v.kind} ${v.number}`);

  it('keeps the visits on or before the re-consent day, re-plans the rest from the new version and drops what it no longer has', () => {
    // Re-consent on 2015-09-01: the six infusions and follow-up 1 (2015-08-26) are done.
    const replanning = replanVisits(held(), v2, '2015-09-01');
    expect(named(replanning.planned)).toEqual(['FOLLOW_UP 2', 'FOLLOW_UP 3', 'FOLLOW_UP 4']);
    expect(named(replanning.moved)).toEqual(['FOLLOW_UP 2', 'FOLLOW_UP 3', 'FOLLOW_UP 4']);
    expect(replanning.planned[0]).toMatchObject({ plannedDate: '2015-10-26', windowOpens: '2015-10-16', windowCloses: '2015-11-05' });
    // Follow-up 4 moves from month 9 to month 12; follow-up 5 is gone.
    expect(replanning.planned[2]).toMatchObject({ plannedDate: '2016-07-26' });
    expect(named(replanning.dropped)).toEqual(['FOLLOW_UP 5']);
    expect(replanning.added).toEqual([]);
  });

  it('keeps a follow-up visit recorded already, whatever its day', () => {
    const replanning = replanVisits(held({ 2: { recorded: true } }), v2, '2015-09-01');
    expect(named(replanning.planned)).toEqual(['FOLLOW_UP 3', 'FOLLOW_UP 4']);
  });

  it('plans again a visit an earlier plan cancelled, and moves nothing that stays where it was', () => {
    const replanning = replanVisits(held({ 5: { status: 'CANCELLED' } }), v1, '2015-09-01');
    expect(named(replanning.added)).toEqual(['FOLLOW_UP 5']);
    expect(replanning.moved).toEqual([]);
    expect(replanning.dropped).toEqual([]);
  });

  it('re-plans every visit, infusions too, of a subject who re-consents before the first infusion', () => {
    const replanning = replanVisits(held(), v2, '2015-06-01');
    expect(replanning.planned).toHaveLength(10);
    expect(named(replanning.dropped)).toEqual(['FOLLOW_UP 5']);
  });
});
