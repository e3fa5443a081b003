import { randomUUID } from 'node:crypto';
import { addDays, calendarDateIn, deadLetterTopic, TOPICS, type EventEnvelope, type TopicDefinition } from '@trialstream/contracts';
import { eligibleScreening, waitFor, type ReceivedMessage } from '@trialstream/testing';
import { subjectEnrolled } from './enrollment-events';
import { infusionReport, infusionSubmitted } from './infusion-reports';
import { PlatformUnderTest } from './platform-under-test';
import { dosingHold } from './safety-events';

const TRIAL = 'NCT02491658';
const SITE_ZONE = 'Asia/Shanghai';

/**
 * Infusions of the reference trial reported by its Beijing site. Enrollment and infusion tracking
 * run on adjustable clocks moved forward together through the treatment: day 0 is tomorrow in
 * Beijing, so every window still lies ahead when the subjects are enrolled.
 */
describe('infusion administrations end to end: six infusions, deviations, a reaction, a missed window, a dosing hold', () => {
  const platform = new PlatformUnderTest();
  const { registry, probe } = platform;
  const [{ service: enrollment }, { service: infusion }] = platform.downstream;
  const DAY0 = addDays(calendarDateIn(new Date(), SITE_ZONE), 1);
  /** hh:00 in Beijing on day d of the treatment. */
  const at = (day: number, hour: number) => `${addDays(DAY0, day)}T${String(hour).padStart(2, '0')}:00:00+08:00`;
  let infusionEvents: ReceivedMessage[];
  let deadLetters: ReceivedMessage[];

  const eventsOf = (type: string, subjectId: string) =>
    infusionEvents.filter((m) => m.headers['event-type'] === type && m.key === subjectId).map((m) => JSON.parse(m.value!) as EventEnvelope<Record<string, any>>); // eslint-disable-line @typescript-eslint/no-explicit-any
  const awaitEvents = (type: string, subjectId: string, count: number) =>
    waitFor(`${count} ${type} of ${subjectId}`, async () => (eventsOf(type, subjectId).length >= count ? eventsOf(type, subjectId) : undefined));
  // The site nurse's own token: who recorded an infusion is its holder.
  const nurse = { role: 'site', sites: ['BJ-01'], subject: 'site nurse' };
  const report = (subjectId: string, body: object) => infusion.postJson(`/trials/${TRIAL}/subjects/${subjectId}/infusions`, body, {}, nurse);
  /** Messages infusion tracking holds back until their prerequisite arrives, with why. */
  const parkedEvents = () =>
    platform.query<{ eventId: string; reason: string }>('infusion-tracking', `SELECT convert_from(value, 'UTF8')::json->>'eventId' AS "eventId", reason FROM parked_event`);
  const infusionsOf = async (subjectId: string) => (await infusion.getJson(`/trials/${TRIAL}/subjects/${subjectId}/infusions`)).body;
  /** Both services' "now" moves to the same instant, so "today at the site" is the same day in each. */
  const advanceTo = async (instant: string) => {
    for (const service of [enrollment, infusion]) expect((await service.postJson('/operations/clock/advance', { to: new Date(instant).toISOString() })).status).toBe(200);
  };
  const enroll = async (subjectId: string, plannedFirstInfusionDate: string) => {
    expect((await enrollment.postJson(`/trials/${TRIAL}/screenings`, eligibleScreening(subjectId))).status).toBe(201);
    expect((await enrollment.postJson(`/trials/${TRIAL}/subjects/${subjectId}/consent`, { consentVersion: '1.0', consentDate: '2015-05-30' })).status).toBe(200);
    expect((await enrollment.postJson(`/trials/${TRIAL}/subjects/${subjectId}/enrollment`, { plannedFirstInfusionDate })).status).toBe(200);
    await waitFor(`the visits of ${subjectId}`, async () => ((await infusion.getJson(`/trials/${TRIAL}/subjects/${subjectId}/visits`)).body.length === 11 ? true : undefined));
  };
  const publish = (topic: TopicDefinition, ...events: EventEnvelope[]) =>
    probe.produce(platform.topic(topic), events.map((event) => ({ key: event.subjectId!, value: JSON.stringify(event) })));
  const handled = (event: EventEnvelope) =>
    waitFor(`infusion tracking to handle ${event.type}`, async () =>
      (await platform.query('infusion-tracking', 'SELECT 1 FROM processed_event WHERE event_id = $1', [event.eventId])).length ? true : undefined,
    );

  beforeAll(async () => {
    await Promise.all([
      enrollment.start({ CLOCK_ADJUSTABLE: 'true' }),
      infusion.start({ CLOCK_ADJUSTABLE: 'true' }),
    ]);
    await registry.start();
    infusionEvents = await probe.watch(platform.topic(TOPICS.infusionEvents));
    deadLetters = await probe.watch(platform.topic(deadLetterTopic('infusion-tracking')));
    await waitFor('the reference protocol in enrollment', async () => ((await enrollment.getJson(`/trials/${TRIAL}/enrollment-policy`)).status === 200 ? true : undefined));
    await registry.postJson(`/trials/${TRIAL}/status`, { status: 'RECRUITING', reason: 'recruitment opens' });
    await waitFor('enrollment to see the trial recruiting', async () => ((await enrollment.getJson(`/trials/${TRIAL}`)).body.overallStatus === 'RECRUITING' ? true : undefined));
    await enroll('I-1', DAY0);
    // Two subjects who start when I-1 has finished: one starts a day late and misses a window, one is put on a dosing hold.
    await enroll('I-2', addDays(DAY0, 50));
    await enroll('I-3', addDays(DAY0, 52));
  });

  afterAll(() => platform.cleanUp());

  it('refuses a report that cannot be true over HTTP, naming the field and the rule, and records nothing', async () => {
    const refusals: [object, string, string][] = [
      [infusionReport(1, at(0, 9), { bodyWeightKg: -64 }), 'bodyWeightKg', 'isPositive'],
      [infusionReport(1, at(0, 9), { viabilityPercent: 101 }), 'viabilityPercent', 'max'],
      [infusionReport(1, at(0, 9)), 'administeredAt', 'notInFuture'],
      [infusionReport(1, at(-1, 9), { vitalSignsAfter: { systolicMmHg: 80, diastolicMmHg: 95, heartRateBpm: 70, temperatureCelsius: 36.6 } }), 'vitalSignsAfter.diastolicMmHg', 'belowSystolic'],
      [infusionReport(7, at(-1, 9)), 'infusionNumber', 'plannedInfusion'],
    ];
    for (const [body, field, rule] of refusals) {
      const refused = await report('I-1', body);
      expect({ status: refused.status, violations: refused.body.violations }).toEqual({ status: 400, violations: [expect.objectContaining({ field, rule })] });
    }
    // A site token is refused a subject it cannot see (403); the sponsor's system learns there is none.
    expect((await infusion.postJson(`/trials/${TRIAL}/subjects/I-99/infusions`, infusionReport(1, at(-1, 9)), {}, { role: 'sponsor-system' })).status).toBe(404);
    expect(await infusionsOf('I-1')).toEqual([]);
  });

  it('dead-letters the same on Kafka, and parks a report for a subject not enrolled here until the enrollment arrives', async () => {
    const invalid = infusionSubmitted(TRIAL, 'I-1', infusionReport(1, at(0, 9), { viabilityPercent: 120 }));
    const future = infusionSubmitted(TRIAL, 'I-1', infusionReport(1, at(0, 9)));
    // Its enrollment is still to come: it reaches infusion tracking after the report.
    const early = infusionSubmitted(TRIAL, 'I-4', infusionReport(1, new Date().toISOString()));
    await publish(TOPICS.sponsorIngress, invalid, future, early);
    const dead = await waitFor('two dead letters', async () => {
      const found = [invalid, future].map((e) => deadLetters.find((m) => JSON.parse(m.value!).eventId === e.eventId));
      return found.every(Boolean) ? (found as ReceivedMessage[]) : undefined;
    });
    expect(dead.map((m) => m.headers['dead-letter-kind'])).toEqual(['INVALID_PAYLOAD', 'REJECTED']);
    expect(dead[0].headers['dead-letter-reason']).toBe('payload.viabilityPercent: viabilityPercent must not be greater than 100 [max]');
    expect(dead[1].headers['dead-letter-reason']).toContain(`administeredAt falls on ${DAY0} at the site, after today there`);
    const [parked] = await waitFor('the early report parked', async () => {
      const found = (await parkedEvents()).filter((p) => p.eventId === early.eventId);
      return found.length ? found : undefined;
    });
    expect(parked.reason).toContain('subject I-4 of trial NCT02491658 has no planned infusions here yet');
    expect(deadLetters.some((m) => JSON.parse(m.value!).eventId === early.eventId)).toBe(false);
    expect(await infusionsOf('I-1')).toEqual([]);

    const enrolled = subjectEnrolled(TRIAL, 'I-4');
    (enrolled.payload as { plannedFirstInfusionDate: string }).plannedFirstInfusionDate = calendarDateIn(new Date(), SITE_ZONE);
    await publish(TOPICS.enrollmentEvents, enrolled);
    // No replay: the parked report is taken in once the enrollment has planned the infusions.
    const [administered] = await awaitEvents('InfusionAdministered', 'I-4', 1);
    expect(administered.payload).toMatchObject({ infusionNumber: 1, deviations: [] });
    expect(administered.causationId).toBe(early.eventId);
    expect(await parkedEvents()).toEqual([]);
    expect(await infusionsOf('I-1')).toEqual([]);
  });

  it('records six infusions, one late in its window and one outside the dose tolerance: six InfusionAdministered, one deviation, treatment completed', async () => {
    const reaction = { ctcaeGrade: 2, term: 'Infusion related reaction', description: 'flushing and chills 20 minutes into the infusion' };
    const plan: [number, number, object][] = [
      [1, 0, {}],
      [2, 7, { bodyWeightKg: 64.5, reaction }],
      [3, 15, {}], // planned on day 14, window days 13-15: late, in window
      [4, 21, {}],
      [5, 35, { cellsGiven: 75_000_000 }],
      [6, 49, {}],
    ];
    for (const [number, day, overrides] of plan) {
      await advanceTo(at(day, 8));
      const recorded = await report('I-1', infusionReport(number, at(day, 9), overrides));
      expect({ number, status: recorded.status }).toEqual({ number, status: 201 });
    }

    const administered = await awaitEvents('InfusionAdministered', 'I-1', 6);
    expect(administered.map((e) => [e.payload.infusionNumber, e.payload.administeredOn, e.payload.deviations])).toEqual([
      [1, DAY0, []], [2, addDays(DAY0, 7), []], [3, addDays(DAY0, 15), []], [4, addDays(DAY0, 21), []], [5, addDays(DAY0, 35), ['DOSE_OUTSIDE_TOLERANCE']], [6, addDays(DAY0, 49), []],
    ]);
    expect(administered[1].payload.expectedDose).toEqual({ cells: 64_500_000, minCells: 58_050_000, maxCells: 70_950_000 });
    const [deviation] = await awaitEvents('ProtocolDeviationRecorded', 'I-1', 1);
    expect(deviation.payload).toMatchObject({
      administrationId: administered[4].payload.administrationId,
      infusionNumber: 5,
      kind: 'DOSE_OUTSIDE_TOLERANCE',
      rule: '1000000 cells/kg x 64 kg = 64000000 cells, within 10 %',
      observed: '75000000 cells',
      allowed: '57600000 to 70400000 cells',
      occurredOn: addDays(DAY0, 35),
    });
    const [completed] = await awaitEvents('TreatmentCompleted', 'I-1', 1);
    expect(completed.payload).toEqual({ subjectId: 'I-1', lastInfusionDate: addDays(DAY0, 49), infusionsGiven: 6, protocolVersion: 1 });

    // Infusion 3 a day late moved nothing: infusion 4 kept day 21 from the first infusion.
    const visits = (await infusion.getJson(`/trials/${TRIAL}/subjects/I-1/visits`)).body.filter((v: { kind: string }) => v.kind === 'INFUSION');
    expect(visits.map((v: { plannedDate: string; status: string }) => [v.plannedDate, v.status])).toEqual(
      [0, 7, 14, 21, 35, 49].map((day) => [addDays(DAY0, day), 'ADMINISTERED']),
    );
    const recorded = await infusionsOf('I-1');
    expect(recorded.map((r: { deviations: { kind: string }[] }) => r.deviations.map((d) => d.kind))).toEqual([[], [], [], [], ['DOSE_OUTSIDE_TOLERANCE'], []]);
    // Five weeks of clock moved past five closed windows: nothing was missed.
    expect(eventsOf('InfusionMissed', 'I-1')).toEqual([]);
  });

  it("forwards the reaction to safety as InfusionReactionReported, in the site nurse's name", async () => {
    const [reported] = await awaitEvents('InfusionReactionReported', 'I-1', 1);
    expect(reported.payload).toEqual({
      subjectId: 'I-1',
      siteId: 'BJ-01',
      infusionNumber: 2,
      administeredAt: at(7, 9),
      onsetDate: addDays(DAY0, 7),
      awareDate: addDays(DAY0, 7),
      ctcaeGrade: 2,
      term: 'Infusion related reaction',
      description: 'flushing and chills 20 minutes into the infusion',
      reporter: 'site nurse',
    });
  });

  it('moves the infusions to come, and their windows, after a first infusion given a day late', async () => {
    await advanceTo(at(51, 8));
    // Its one-day window closed unused at the end of day 50: missed, then given late all the same.
    const [missed] = await awaitEvents('InfusionMissed', 'I-2', 1);
    expect(missed.payload).toMatchObject({ infusionNumber: 1, windowCloses: addDays(DAY0, 50) });
    const late = await report('I-2', infusionReport(1, at(51, 9)));
    expect(late.body.deviations).toEqual([expect.objectContaining({ kind: 'OUTSIDE_WINDOW', observed: `given on ${addDays(DAY0, 51)} (+1 days)` })]);
    const visits = (await infusion.getJson(`/trials/${TRIAL}/subjects/I-2/visits`)).body.filter((v: { kind: string }) => v.kind === 'INFUSION');
    expect(visits.map((v: { plannedDate: string }) => v.plannedDate)).toEqual([50, 58, 65, 72, 86, 100].map((day) => addDays(DAY0, day)));
  });

  it('records an infusion given under a dosing hold with an UNDER_DOSING_HOLD deviation, and the next one after the hold is lifted without', async () => {
    await advanceTo(at(52, 8));
    expect((await report('I-3', infusionReport(1, at(52, 9)))).status).toBe(201);
    const holdId = randomUUID();
    const placed = dosingHold('DosingHoldPlaced', TRIAL, 'I-3', holdId, at(52, 12));
    await publish(TOPICS.safetyEvents, placed);
    await handled(placed);

    await advanceTo(at(59, 8));
    const underHold = await report('I-3', infusionReport(2, at(59, 9)));
    expect(underHold.body.deviations).toEqual([
      expect.objectContaining({ kind: 'UNDER_DOSING_HOLD', observed: `given at ${new Date(at(59, 9)).toISOString()}` }),
    ]);
    const [deviation] = await awaitEvents('ProtocolDeviationRecorded', 'I-3', 1);
    expect(deviation.payload).toMatchObject({ kind: 'UNDER_DOSING_HOLD', infusionNumber: 2, rule: "no infusion under a subject's dosing hold (grade 3 infusion reaction under review)" });

    const lifted = dosingHold('DosingHoldLifted', TRIAL, 'I-3', holdId, at(59, 12));
    await publish(TOPICS.safetyEvents, lifted);
    await handled(lifted);
    await advanceTo(at(66, 8));
    expect((await report('I-3', infusionReport(3, at(66, 9)))).body.deviations).toEqual([]);
  });

  it('publishes InfusionMissed once when a window closes without an infusion, and none after the subject withdraws', async () => {
    // I-2's infusion 2, moved to day 58 with the first infusion, closed its window at the end of day 59 in Beijing.
    const [, missed] = await awaitEvents('InfusionMissed', 'I-2', 2);
    expect(missed.payload).toEqual({
      subjectId: 'I-2', protocolVersion: 1, infusionNumber: 2, plannedDate: addDays(DAY0, 58), windowOpens: addDays(DAY0, 57), windowCloses: addDays(DAY0, 59),
    });
    const withdrawal = { withdrawnBy: 'SUBJECT', reason: 'moved away', withdrawalDate: addDays(DAY0, 66) };
    expect((await enrollment.postJson(`/trials/${TRIAL}/subjects/I-2/withdrawal`, withdrawal)).status).toBe(200);
    await waitFor('the withdrawal in infusion tracking', async () => ((await infusion.getJson(`/trials/${TRIAL}/subjects/I-2/withdrawal`)).status === 200 ? true : undefined));

    // Past the last windows of I-2 and I-3 (day 103): I-3's are missed, I-2's were cancelled with the withdrawal.
    await advanceTo(at(110, 8));
    await awaitEvents('InfusionMissed', 'I-3', 3);
    expect(eventsOf('InfusionMissed', 'I-3').map((e) => e.payload.infusionNumber)).toEqual([4, 5, 6]);
    expect(eventsOf('InfusionMissed', 'I-2').map((e) => e.payload.infusionNumber)).toEqual([1, 2]);
    expect(eventsOf('InfusionMissed', 'I-1')).toEqual([]);
  });

  it("lists the trial's deviations a page at a time, with the total, and refuses a page larger than 100", async () => {
    const first = await infusion.getJson(`/trials/${TRIAL}/deviations?limit=2`);
    expect(first).toMatchObject({ status: 200, body: { total: 3, limit: 2, offset: 0 } });
    expect(first.body.items.map((d: { subjectId: string; kind: string }) => `${d.subjectId} ${d.kind}`)).toEqual(['I-1 DOSE_OUTSIDE_TOLERANCE', 'I-2 OUTSIDE_WINDOW']);
    const second = await infusion.getJson(`/trials/${TRIAL}/deviations?limit=2&offset=2`);
    expect(second.body).toMatchObject({ total: 3, items: [{ subjectId: 'I-3', kind: 'UNDER_DOSING_HOLD' }] });
    expect((await infusion.getJson(`/trials/${TRIAL}/deviations?limit=201`)).status).toBe(400);
  });

  it('ends the treatment of a subject whose last infusion was missed, once: not again for that infusion given late, none for the withdrawn', async () => {
    // I-3 was given infusions 1 to 3 (days 52, 59, 66); 4 to 6 were missed by day 110.
    const [ended] = await awaitEvents('TreatmentCompleted', 'I-3', 1);
    expect(ended.payload).toEqual({ subjectId: 'I-3', lastInfusionDate: addDays(DAY0, 66), infusionsGiven: 3, protocolVersion: 1 });
    expect(ended.causationId).toBe(eventsOf('InfusionMissed', 'I-3').find((e) => e.payload.infusionNumber === 6)!.eventId);
    expect(eventsOf('TreatmentCompleted', 'I-2')).toEqual([]);

    expect((await report('I-3', infusionReport(6, at(110, 9)))).status).toBe(201);
    // Committed with the answer: the report's events are in the outbox, and no second TreatmentCompleted.
    const outboxOf = async (type: string) =>
      (await platform.query<{ n: number }>('infusion-tracking', `SELECT count(*)::int AS n FROM outbox_message WHERE event_type = $1 AND message_key = 'I-3'`, [type]))[0].n;
    expect(await outboxOf('InfusionAdministered')).toBe(4);
    expect(await outboxOf('TreatmentCompleted')).toBe(1);
  });
});
