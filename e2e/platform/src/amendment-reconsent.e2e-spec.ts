import { addDays, calendarDateIn, startOfDayIn, TOPICS } from '@trialstream/contracts';
import { waitFor, type ReceivedMessage } from '@trialstream/testing';
import { infusionReport } from './infusion-reports';
import { PlatformUnderTest } from './platform-under-test';
import { referenceProtocolDraft } from './reference-trial';
import { eligibleScreening, screenedRecently } from './screenings';

const TRIAL = 'NCT02491658';
const SITE_ZONE = 'Asia/Shanghai';
const today = calendarDateIn(new Date(), SITE_ZONE);
const day = (n: number) => addDays(today, n);

interface Visit {
  kind: string;
  number: number;
  protocolVersion: number;
  plannedDate: string;
  windowOpens: string;
  windowCloses: string;
  status: string;
}

describe('an amendment that changes the consent form: re-consent in enrollment, re-planned visits in infusion tracking', () => {
  const platform = new PlatformUnderTest();
  const { registry, probe } = platform;
  const enrollment = platform.downstream[0].service;
  const infusion = platform.downstream[1].service;
  let enrollmentEvents: ReceivedMessage[];

  const subjectPath = (subjectId: string) => `/trials/${TRIAL}/subjects/${subjectId}`;
  const payloadsOf = (type: string) => enrollmentEvents.filter((m) => m.headers['event-type'] === type).map((m) => JSON.parse(m.value!).payload);
  const followUp = (visits: Visit[], number: number) => visits.find((v) => v.kind === 'FOLLOW_UP' && v.number === number);

  beforeAll(async () => {
    await Promise.all([enrollment.start(), infusion.start()]);
    await registry.start();
    enrollmentEvents = await probe.watch(platform.topic(TOPICS.enrollmentEvents));
    await waitFor('the reference protocol in enrollment and infusion tracking', async () =>
      (await enrollment.getJson(`/trials/${TRIAL}/enrollment-policy`)).status === 200 && (await infusion.getJson(`/trials/${TRIAL}/treatment-plan`)).status === 200
        ? true
        : undefined,
    );
    await registry.postJson(`/trials/${TRIAL}/status`, { status: 'RECRUITING', reason: 'recruitment opens' });
    await waitFor('enrollment to see the trial recruiting', async () => ((await enrollment.getJson(`/trials/${TRIAL}`)).body.overallStatus === 'RECRUITING' ? true : undefined));
    for (const subjectId of ['S-1', 'S-2', 'S-3']) {
      expect((await enrollment.postJson(`/trials/${TRIAL}/screenings`, screenedRecently(subjectId, today))).status).toBe(201);
      expect((await enrollment.postJson(`${subjectPath(subjectId)}/consent`, { consentVersion: '1.0', consentDate: day(-1) })).status).toBe(200);
    }
    // S-2 stays screened; S-3 enrolls and withdraws.
    for (const subjectId of ['S-1', 'S-3']) {
      expect((await enrollment.postJson(`${subjectPath(subjectId)}/enrollment`, { plannedFirstInfusionDate: day(7) })).status).toBe(200);
    }
    expect((await enrollment.postJson(`${subjectPath('S-3')}/withdrawal`, { withdrawnBy: 'SUBJECT', reason: 'moved away', withdrawalDate: today })).status).toBe(200);
    // S-4 was treated and followed up in 2015: every visit of theirs lies before any re-consent.
    expect((await enrollment.postJson(`/trials/${TRIAL}/screenings`, eligibleScreening('S-4'))).status).toBe(201);
    expect((await enrollment.postJson(`${subjectPath('S-4')}/consent`, { consentVersion: '1.0', consentDate: '2015-05-30' })).status).toBe(200);
    expect((await enrollment.postJson(`${subjectPath('S-4')}/enrollment`, { plannedFirstInfusionDate: '2015-06-08' })).status).toBe(200);
    for (const subjectId of ['S-1', 'S-4']) {
      await waitFor(`${subjectId}'s visits`, async () => ((await infusion.getJson(`${subjectPath(subjectId)}/visits`)).body.length === 11 ? true : undefined));
    }
  });

  afterAll(() => platform.cleanUp());

  it('asks each enrolled subject who has not signed the new form to re-consent, once; not a screened or withdrawn one', async () => {
    const amendment = await registry.postJson(`/trials/${TRIAL}/protocol-versions`, {
      ...referenceProtocolDraft(),
      informedConsentVersion: '2.0',
      followUp: { durationDays: 365, visitDays: [30, 91, 182, 365], windowDays: 10 },
      amendmentReason: 'month-9 visit dropped, follow-up windows widened to 10 days; consent form 2.0',
    });
    expect(amendment).toMatchObject({ status: 201, body: { version: 2 } });

    const required = await waitFor('ReconsentRequired', async () => (payloadsOf('ReconsentRequired').length ? payloadsOf('ReconsentRequired') : undefined));
    // One transaction enqueued them all: nobody else is asked.
    expect(required.sort((a, b) => a.subjectId.localeCompare(b.subjectId))).toEqual(
      ['S-1', 'S-4'].map((subjectId) => ({ subjectId, protocolVersion: 2, requiredConsentVersion: '2.0' })),
    );
    expect((await enrollment.getJson(subjectPath('S-1'))).body).toMatchObject({ consentVersion: '1.0', reconsentRequiredVersion: '2.0', reconsentRequiredUnder: 2 });
    await waitFor('the amended treatment plan', async () => ((await infusion.getJson(`/trials/${TRIAL}/treatment-plan`)).body.protocolVersion === 2 ? true : undefined));
    // Nothing is re-planned before the subject re-consents.
    expect((await infusion.getJson(`${subjectPath('S-1')}/visit-plans`)).body).toHaveLength(1);
  });

  it('records the re-consent to the current form only; infusion tracking re-plans the visits not yet done and keeps both plans', async () => {
    const oldForm = await enrollment.postJson(`${subjectPath('S-1')}/reconsent`, { consentVersion: '1.0', consentDate: today });
    expect(oldForm).toMatchObject({ status: 400, body: { violations: [{ field: 'consentVersion', rule: 'currentVersion' }] } });
    const notEnrolled = await enrollment.postJson(`${subjectPath('S-2')}/reconsent`, { consentVersion: '2.0', consentDate: today });
    expect(notEnrolled).toMatchObject({ status: 409, body: { violations: [{ field: 'subjectId', rule: 'enrolled' }] } });

    const reconsented = await enrollment.postJson(`${subjectPath('S-1')}/reconsent`, { consentVersion: '2.0', consentDate: today });
    expect(reconsented).toMatchObject({ status: 200, body: { consentVersion: '2.0', consentDate: today, reconsentRequiredVersion: null } });
    const again = await enrollment.postJson(`${subjectPath('S-1')}/reconsent`, { consentVersion: '2.0', consentDate: today });
    expect(again).toMatchObject({ status: 409, body: { violations: [{ field: 'subjectId', rule: 'reconsentRequired' }] } });
    const [event] = await waitFor('SubjectReconsented', async () => (payloadsOf('SubjectReconsented').length ? payloadsOf('SubjectReconsented') : undefined));
    expect(event).toEqual({ subjectId: 'S-1', protocolVersion: 2, consentVersion: '2.0', consentDate: today });

    const plans = await waitFor('the second visit plan', async () => {
      const { body } = await infusion.getJson(`${subjectPath('S-1')}/visit-plans`);
      return body.length === 2 ? body : undefined;
    });
    expect(plans.map((p: { planNumber: number; protocolVersion: number; reason: string }) => [p.planNumber, p.protocolVersion, p.reason])).toEqual([
      [1, 1, 'ENROLLED'],
      [2, 2, 'RECONSENTED'],
    ]);
    expect(plans[1].reconsentDate).toBe(today);
    // The first plan is kept as it was: five follow-up visits, +/-7 days.
    expect(followUp(plans[0].visits, 5)).toMatchObject({ status: 'PLANNED', protocolVersion: 1 });
    expect(followUp(plans[0].visits, 2)).toMatchObject({ windowOpens: day(140), windowCloses: day(154) });

    // Every visit lay ahead of the re-consent: all follow version 2; month 9 is gone, month 12 is visit 4.
    const { body: visits } = await infusion.getJson(`${subjectPath('S-1')}/visits`);
    expect(visits.filter((v: Visit) => v.status === 'PLANNED').every((v: Visit) => v.protocolVersion === 2)).toBe(true);
    expect(followUp(visits, 2)).toMatchObject({ plannedDate: day(147), windowOpens: day(137), windowCloses: day(157) });
    expect(followUp(visits, 4)).toMatchObject({ plannedDate: day(421), status: 'PLANNED' });
    expect(followUp(visits, 5)).toMatchObject({ status: 'CANCELLED' });
    const byVisit = (a: Visit, b: Visit) => a.kind.localeCompare(b.kind) || a.number - b.number;
    expect([...plans[1].visits].sort(byVisit)).toEqual(visits.map(({ trialId: _trial, subjectId: _subject, ...visit }: Visit & { trialId: string; subjectId: string }) => visit).sort(byVisit));

    // The follow-up notices moved with their windows; those of the dropped visit are cancelled.
    const pending = await platform.query<{ timer_key: string; due_at: Date }>(
      'infusion-tracking',
      `SELECT timer_key, due_at FROM scheduled_event WHERE subject_id = 'S-1' AND fired_at IS NULL AND cancelled_at IS NULL ORDER BY timer_key`,
    );
    const visitsNoticed = (notice: string) => pending.filter((t) => t.timer_key.startsWith(`follow-up-${notice}/`)).map((t) => t.timer_key.split('/').pop());
    expect([visitsNoticed('due'), visitsNoticed('overdue')]).toEqual([['1', '2', '3', '4'], ['1', '2', '3', '4']]);
    expect(pending.find((t) => t.timer_key === `follow-up-due/${TRIAL}/S-1/2`)!.due_at).toEqual(startOfDayIn(day(137), SITE_ZONE));

    // Each infusion still to come watches its window under the version re-consented to.
    const missed = await platform.query<{ timer_key: string; version: string }>(
      'infusion-tracking',
      `SELECT timer_key, payload->>'protocolVersion' AS version FROM scheduled_event
        WHERE subject_id = 'S-1' AND timer_key LIKE 'infusion-missed/%' AND fired_at IS NULL AND cancelled_at IS NULL ORDER BY timer_key`,
    );
    expect(missed.map((t) => [t.timer_key.split('/').pop(), t.version])).toEqual(['1', '2', '3', '4', '5', '6'].map((n) => [n, '2']));
  });

  it('starts a new plan for a subject whose visits all lay before the re-consent, and leaves every visit as it was', async () => {
    const before = (await infusion.getJson(`${subjectPath('S-4')}/visits`)).body;
    expect((await enrollment.postJson(`${subjectPath('S-4')}/reconsent`, { consentVersion: '2.0', consentDate: today })).status).toBe(200);
    const plans = await waitFor("S-4's second visit plan", async () => {
      const { body } = await infusion.getJson(`${subjectPath('S-4')}/visit-plans`);
      return body.length === 2 ? body : undefined;
    });
    expect(plans[1]).toMatchObject({ protocolVersion: 2, reason: 'RECONSENTED' });
    expect((await infusion.getJson(`${subjectPath('S-4')}/visits`)).body).toEqual(before);
  });

  it('judges each infusion under the version its visit is planned under, and ends the treatment with the last infusion a newer version keeps', async () => {
    const infusionEvents = await probe.watch(platform.topic(TOPICS.infusionEvents));
    const nurse = { role: 'site', sites: ['BJ-01'], subject: 'site nurse' };
    // Given in the last hour, in number order; 64 kg.
    const report = (number: number, cellsPerKg: number) =>
      infusion.postJson(`${subjectPath('S-1')}/infusions`, infusionReport(number, new Date(Date.now() - (10 - number) * 60_000).toISOString(), { cellsGiven: 64 * cellsPerKg }), {}, nurse);
    const first = await report(1, 1_000_000);
    expect(first).toMatchObject({ status: 201, body: { protocolVersion: 2, expectedDose: { cells: 64_000_000 } } });

    // Version 3: four infusions of 2x10^6 cells/kg, assessed after the 4th. Once S-1 re-consents, infusions 2-4 follow it and 5-6 are dropped.
    const { infusions, assessments, ...draft } = referenceProtocolDraft();
    const amendment = await registry.postJson(`/trials/${TRIAL}/protocol-versions`, {
      ...draft,
      infusions: infusions.slice(0, 4),
      assessments: assessments.map((a: { afterInfusion?: number }) => (a.afterInfusion ? { ...a, afterInfusion: 4 } : a)),
      dosing: { ...draft.dosing, cellsPerKg: 2_000_000 },
      informedConsentVersion: '3.0',
      followUp: { durationDays: 365, visitDays: [30, 91, 182, 365], windowDays: 10 },
      amendmentReason: 'four infusions of 2x10^6 cells/kg; consent form 3.0',
    });
    expect(amendment).toMatchObject({ status: 201, body: { version: 3 } });
    await waitFor('S-1 asked to re-consent to form 3.0', async () => ((await enrollment.getJson(subjectPath('S-1'))).body.reconsentRequiredVersion === '3.0' ? true : undefined));
    expect((await enrollment.postJson(`${subjectPath('S-1')}/reconsent`, { consentVersion: '3.0', consentDate: today })).status).toBe(200);
    await waitFor("S-1's third visit plan", async () => ((await infusion.getJson(`${subjectPath('S-1')}/visit-plans`)).body.length === 3 ? true : undefined));
    const infusionVisits = (await infusion.getJson(`${subjectPath('S-1')}/visits`)).body.filter((v: Visit) => v.kind === 'INFUSION');
    expect(infusionVisits.map((v: Visit) => [v.number, v.protocolVersion, v.status])).toEqual([
      [1, 2, 'ADMINISTERED'], [2, 3, 'PLANNED'], [3, 3, 'PLANNED'], [4, 3, 'PLANNED'], [5, 2, 'CANCELLED'], [6, 2, 'CANCELLED'],
    ]);

    for (const number of [2, 3, 4]) {
      const recorded = await report(number, 2_000_000);
      expect(recorded).toMatchObject({ status: 201, body: { protocolVersion: 3, expectedDose: { cells: 128_000_000 } } });
      expect(recorded.body.deviations.map((d: { kind: string }) => d.kind)).not.toContain('DOSE_OUTSIDE_TOLERANCE');
    }
    const completed = await waitFor('TreatmentCompleted of S-1', async () => {
      const found = infusionEvents.filter((m) => m.headers['event-type'] === 'TreatmentCompleted' && m.key === 'S-1');
      return found.length > 0 ? found : undefined;
    });
    expect(JSON.parse(completed[0].value!).payload).toMatchObject({ subjectId: 'S-1', infusionsGiven: 4, protocolVersion: 3 });

    // An infusion the plan dropped is still recorded, with the deviation that says so, and ends nothing twice.
    const sixth = await report(6, 2_000_000);
    expect(sixth).toMatchObject({ status: 201, body: { protocolVersion: 2 } });
    expect(sixth.body.deviations.map((d: { kind: string }) => d.kind)).toContain('NOT_IN_PLAN');
    const [{ completions }] = await platform.query<{ completions: number }>('infusion-tracking', `SELECT count(*)::int AS completions FROM treatment_completion WHERE subject_id = 'S-1'`);
    expect(completions).toBe(1);
    expect((await infusion.getJson(`${subjectPath('S-1')}/visits`)).body.find((v: Visit) => v.kind === 'INFUSION' && v.number === 6).status).toBe('CANCELLED');
  });
});
