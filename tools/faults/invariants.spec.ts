import { checkPhase, checkPlatform, type EnrollmentView, type InfusionView, type PlatformView, type ScreenedRecord } from './invariants';
import { FOLLOW_UP_VISITS, INFUSIONS_PER_SUBJECT, phaseTraffic, type PhaseTraffic } from './traffic';

const TRIAL = 'NCT02491658';

/** What a platform that kept every promise holds after the traffic: one answer per screening, in order. */
function faithful(sent: PhaseTraffic): EnrollmentView {
  const outbox: ScreenedRecord[] = sent.screenings.map((s, i) => ({ subjectId: s.subjectId, eventId: `answer-${i}`, causationId: s.eventId, eligible: s.eligible }));
  const subjects = new Map(sent.screenings.map((s) => [s.subjectId, { eligible: s.eligible }]));
  return {
    ledger: new Set(sent.screenings.map((s) => s.eventId)),
    subjects,
    outbox,
    wire: [...outbox],
    deadLetters: sent.rejections.map((r) => ({ key: r.key, reason: `refused: ${r.what}` })),
  };
}

/** Infusion tracking that recorded and announced each report and visit once, and completed each subject's treatment once. */
function infused(sent: PhaseTraffic): InfusionView {
  const outbox = sent.infusions.map((r, i) => ({ subjectId: r.subjectId, eventId: `administered-${i}`, causationId: r.eventId }));
  const visitsRecorded = sent.followUps.map((v, i) => ({ subjectId: v.subjectId, eventId: `visit-${i}`, causationId: v.eventId }));
  return {
    ledger: new Set([...sent.infusions, ...sent.followUps].map((r) => r.eventId)),
    recorded: new Map(sent.infusions.map((r) => [`${r.subjectId}/${r.infusionNumber}`, 1])),
    outbox,
    wire: [...outbox],
    treatmentCompleted: new Map(sent.infusions.map((r) => [r.subjectId, 1])),
    deviations: [],
    followUps: { recorded: new Map(sent.followUps.map((v) => [`${v.subjectId}/${v.visitNumber}`, true])), outbox: visitsRecorded, wire: [...visitsRecorded] },
  };
}

const caseVersionsOf = (sent: PhaseTraffic) => ({ caseVersions: sent.adverseEvents.map((ae) => ({ subjectId: ae.subjectId, reportId: ae.reportId })) });

describe('checkPhase: sent against observed', () => {
  const sent = phaseTraffic({ tag: 'T', trialId: TRIAL, phase: 'kill', subjects: 40, rescreenEvery: 10, resendEvery: 5, rejections: 3, adverseEventsOf: ['E-1', 'E-2'], infusionsOf: ['E-1', 'E-2'] });

  it('finds nothing wrong with a platform that kept every promise, re-sent copies and redeliveries included', () => {
    const view = faithful(sent);
    view.wire.push(view.wire[3]); // the relay published one event twice (killed between publish and mark): same event id
    const findings = checkPhase(sent, view, caseVersionsOf(sent), infused(sent));
    expect(findings).toMatchObject({ lost: 0, duplicated: 0, redelivered: 1, problems: [] });
    expect(findings.accepted).toBe(sent.screenings.length + 2 + 2 * (INFUSIONS_PER_SUBJECT + FOLLOW_UP_VISITS));
  });

  it('counts a screening lost when its answer is missing from the ledger, the outbox or the topic', () => {
    for (const drop of ['ledger', 'outbox', 'wire'] as const) {
      const view = faithful(sent);
      const victim = sent.screenings[5].eventId;
      if (drop === 'ledger') view.ledger.delete(victim);
      else view[drop] = view[drop].filter((r) => r.causationId !== victim);
      const findings = checkPhase(sent, view, caseVersionsOf(sent), infused(sent));
      expect(findings.lost).toBe(1);
      expect(findings.problems.join()).toContain(`1 not in the ${drop === 'wire' ? 'topic' : drop}`);
    }
  });

  it('counts a screening duplicated when two distinct answers exist for it', () => {
    const view = faithful(sent);
    view.outbox.push({ ...view.outbox[7], eventId: 'second-answer' });
    view.wire.push({ ...view.wire[7], eventId: 'second-answer' });
    const findings = checkPhase(sent, view, caseVersionsOf(sent), infused(sent));
    expect(findings.duplicated).toBe(1);
    expect(findings.problems.join()).toContain('answered more than once');
  });

  it('flags a re-screened subject whose answers came out of order, or whose earlier decision stands', () => {
    const rescreened = sent.screenings.find((s, i) => sent.screenings[i + 1]?.subjectId === s.subjectId)!;
    const swapped = faithful(sent);
    const at = swapped.wire.findIndex((r) => r.subjectId === rescreened.subjectId);
    [swapped.wire[at], swapped.wire[at + 1]] = [swapped.wire[at + 1], swapped.wire[at]];
    expect(checkPhase(sent, swapped, caseVersionsOf(sent), infused(sent)).problems.join()).toContain('out of order');

    const stale = faithful(sent);
    stale.subjects.set(rescreened.subjectId, { eligible: false });
    expect(checkPhase(sent, stale, caseVersionsOf(sent), infused(sent)).problems.join()).toContain('out of order');
  });

  it('flags a decision that differs from the one the protocol gives', () => {
    const view = faithful(sent);
    view.outbox[0] = { ...view.outbox[0], eligible: !view.outbox[0].eligible };
    expect(checkPhase(sent, view, caseVersionsOf(sent), infused(sent)).problems.join()).toContain('decided against the protocol');
  });

  it('counts a refused input lost unless it is dead-lettered with a reason, and flags one recorded as a subject', () => {
    const missing = faithful(sent);
    missing.deadLetters.shift();
    expect(checkPhase(sent, missing, caseVersionsOf(sent), infused(sent)).lost).toBe(1);

    const reasonless = faithful(sent);
    reasonless.deadLetters[0].reason = ' ';
    reasonless.subjects.set(sent.rejections[1].key, { eligible: true });
    const problems = checkPhase(sent, reasonless, caseVersionsOf(sent), infused(sent)).problems.join();
    expect(problems).toContain('without a reason');
    expect(problems).toContain('recorded as subjects');
  });

  it('counts an adverse event lost when never taken in, duplicated when recorded twice', () => {
    const view = faithful(sent);
    const [first, second] = sent.adverseEvents;
    const findings = checkPhase(sent, view, { caseVersions: [first, first].map((ae) => ({ subjectId: ae.subjectId, reportId: ae.reportId })) }, infused(sent));
    expect(findings).toMatchObject({ lost: 1, duplicated: 1 });
    expect(findings.problems.join()).toContain(second.subjectId);
  });

  it('counts an infusion report lost when any of its effects is missing, duplicated when recorded or announced twice', () => {
    const victim = sent.infusions[3];
    const drops: ((view: InfusionView) => void)[] = [
      (v) => v.ledger.delete(victim.eventId),
      (v) => v.recorded.delete(`${victim.subjectId}/${victim.infusionNumber}`),
      (v) => (v.outbox = v.outbox.filter((r) => r.causationId !== victim.eventId)),
      (v) => (v.wire = v.wire.filter((r) => r.causationId !== victim.eventId)),
    ];
    for (const drop of drops) {
      const view = infused(sent);
      drop(view);
      expect(checkPhase(sent, faithful(sent), caseVersionsOf(sent), view)).toMatchObject({ lost: 1, duplicated: 0 });
    }
    const twice = infused(sent);
    twice.recorded.set(`${victim.subjectId}/${victim.infusionNumber}`, 2);
    const findings = checkPhase(sent, faithful(sent), caseVersionsOf(sent), twice);
    expect(findings).toMatchObject({ lost: 0, duplicated: 1 });
    expect(findings.problems.join()).toContain(`${victim.subjectId}/${victim.infusionNumber}`);

    const redelivered = infused(sent);
    redelivered.wire.push(redelivered.wire[0]); // the same event id again: a redelivery, not a second effect
    expect(checkPhase(sent, faithful(sent), caseVersionsOf(sent), redelivered)).toMatchObject({ lost: 0, duplicated: 0, problems: [] });
  });

  it('counts a follow-up visit lost without its full effect, duplicated when announced twice, and flags one outside its window', () => {
    const victim = sent.followUps[2];
    const name = `${victim.subjectId}/${victim.visitNumber}`;
    const drops: ((view: InfusionView) => void)[] = [
      (v) => v.ledger.delete(victim.eventId),
      (v) => v.followUps.recorded.delete(name),
      (v) => (v.followUps.outbox = v.followUps.outbox.filter((r) => r.causationId !== victim.eventId)),
      (v) => (v.followUps.wire = v.followUps.wire.filter((r) => r.causationId !== victim.eventId)),
    ];
    for (const drop of drops) {
      const view = infused(sent);
      drop(view);
      expect(checkPhase(sent, faithful(sent), caseVersionsOf(sent), view)).toMatchObject({ lost: 1, duplicated: 0 });
    }
    const twice = infused(sent);
    twice.followUps.wire.push({ ...twice.followUps.wire[2], eventId: 'second-announcement' });
    twice.followUps.recorded.set(name, false);
    const findings = checkPhase(sent, faithful(sent), caseVersionsOf(sent), twice);
    expect(findings).toMatchObject({ lost: 0, duplicated: 1 });
    expect(findings.problems.join()).toContain(`1 follow-up visit(s) on their planned day recorded outside their window: ${name}`);
  });

  it('flags a subject given every infusion whose treatment completed twice or never', () => {
    const view = infused(sent);
    view.treatmentCompleted.set('E-1', 2);
    view.treatmentCompleted.delete('E-2');
    expect(checkPhase(sent, faithful(sent), caseVersionsOf(sent), view).problems.join()).toContain('2 subject(s) given every infusion without exactly one TreatmentCompleted');
  });

  it('flags an infusion given as planned that was recorded as a protocol deviation', () => {
    const view = infused(sent);
    view.deviations.push({ subjectId: 'E-2', infusionNumber: 3, kind: 'OUT_OF_ORDER' }, { subjectId: 'other', infusionNumber: 1, kind: 'WINDOW' });
    expect(checkPhase(sent, faithful(sent), caseVersionsOf(sent), view).problems.join()).toContain('1 infusion(s) given as planned recorded as a protocol deviation: E-2/3 OUT_OF_ORDER');
  });
});

describe('checkPlatform: the run-wide invariants', () => {
  const enrolled = Array.from({ length: 30 }, (_, i) => `S-${i}`);
  const healthy: PlatformView = {
    enrollmentTarget: 30,
    enrolled: { enrollment: enrolled, infusionTracking: [...enrolled], safety: [...enrolled] },
    enrollmentClosedEvents: 1,
    recruitmentClosedInRegistry: 1,
    unpublished: { enrollment: 0 },
    parked: { safety: 0 },
    timers: { fired: 180, firedWithoutEvent: 0, missedTwice: 0 },
  };

  it('holds for a platform at its target whose read models agree', () => {
    expect(checkPlatform(healthy, 35)).toEqual([]);
  });

  it('flags the cap exceeded, or not reached after enough attempts, and EnrollmentClosed not exactly once', () => {
    expect(checkPlatform({ ...healthy, enrolled: { ...healthy.enrolled, enrollment: [...enrolled, 'S-30'] } }, 35).join()).toContain('exceeded');
    expect(checkPlatform({ ...healthy, enrollmentClosedEvents: 2 }, 35).join()).toContain('EnrollmentClosed published 2');
    expect(checkPlatform({ ...healthy, recruitmentClosedInRegistry: 0 }, 35).join()).toContain('the registry closed recruitment 0 time(s), expected 1');
    expect(checkPlatform({ ...healthy, recruitmentClosedInRegistry: 2 }, 35).join()).toContain('the registry closed recruitment 2 time(s), expected 1');
    const short = enrolled.slice(1);
    expect(checkPlatform({ ...healthy, enrolled: { enrollment: short, infusionTracking: short, safety: short } }, 35).join()).toContain('only 29 of 30');
  });

  it('flags a read model that lacks, adds or doubles a subject', () => {
    const problems = checkPlatform({ ...healthy, enrolled: { ...healthy.enrolled, safety: enrolled.slice(1), infusionTracking: [...enrolled, 'S-0'] } }, 35);
    expect(problems.join()).toContain('safety disagrees with enrollment on the enrolled subjects: 1 missing');
    expect(problems.join()).toContain('infusionTracking disagrees with enrollment on the enrolled subjects: 0 missing, 0 extra, 1 twice');
  });

  it('flags outbox rows left behind, messages still parked and timers that fired twice or without their event', () => {
    const problems = checkPlatform({ ...healthy, unpublished: { enrollment: 2 }, parked: { safety: 1 }, timers: { fired: 10, firedWithoutEvent: 1, missedTwice: 1 } }, 35);
    expect(problems).toHaveLength(4);
  });
});
