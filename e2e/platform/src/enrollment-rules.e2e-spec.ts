import { calendarDateIn, deadLetterTopic, TOPICS, type ScreeningData } from '@trialstream/contracts';
import { waitFor, type ReceivedMessage } from '@trialstream/testing';
import { PlatformUnderTest } from './platform-under-test';
import { referenceProtocolDraft } from './reference-trial';
import { eligibleScreening, screeningEvent } from './screenings';

const TRIAL = 'NCT02491658';

/** Screenings that contradict themselves or cannot be true, and the rule each breaks. */
const LOOPHOLES: { name: string; patch: (s: ScreeningData) => Partial<ScreeningData>; field: string; rule: string; kind: string }[] = [
  {
    name: 'an exclusion criterion answered absent, then present',
    patch: (s) => ({ exclusionAnswers: [...s.exclusionAnswers, { criterionId: 'EX-PREGNANCY', present: true }] }),
    field: 'exclusionAnswers',
    rule: 'answeredOnce',
    kind: 'REJECTED',
  },
  {
    name: 'one test negative and positive on one day',
    patch: (s) => ({ testResults: [...s.testResults, { test: 'HIV', result: 'POSITIVE', date: '2015-05-28' }] }),
    field: 'testResults',
    rule: 'oneResultPerDay',
    kind: 'REJECTED',
  },
  { name: 'a baseline on a day that does not exist', patch: () => ({ baselineDate: '2015-02-30' }), field: 'baselineDate', rule: 'isCalendarDate', kind: 'INVALID_PAYLOAD' },
  { name: 'a site that is not the trial\'s', patch: () => ({ siteId: 'SH-02' }), field: 'siteId', rule: 'siteOfTrial', kind: 'REJECTED' },
];

describe('enrollment rules end to end: every answer counts, dates are days at the site, amendments close enrollment', () => {
  const platform = new PlatformUnderTest();
  const { registry, probe } = platform;
  const [{ service: enrollment }, ...others] = platform.downstream;
  let enrollmentEvents: ReceivedMessage[];
  let enrollmentStatus: ReceivedMessage[];
  let deadLetters: ReceivedMessage[];
  const ingress = platform.topic(TOPICS.sponsorIngress);

  beforeAll(async () => {
    // Enrollment's clock can be moved forward, so "today in Beijing" is tested at a chosen instant.
    await Promise.all([enrollment.start({ CLOCK_ADJUSTABLE: 'true' }), ...others.map(({ service }) => service.start())]);
    await registry.start();
    enrollmentEvents = await probe.watch(platform.topic(TOPICS.enrollmentEvents));
    enrollmentStatus = await probe.watch(platform.topic(TOPICS.enrollmentStatus));
    deadLetters = await probe.watch(platform.topic(deadLetterTopic('enrollment')));
    await waitFor('the reference protocol in enrollment', async () => ((await enrollment.getJson(`/trials/${TRIAL}/enrollment-policy`)).status === 200 ? true : undefined));
    await registry.postJson(`/trials/${TRIAL}/status`, { status: 'RECRUITING', reason: 'recruitment opens' });
    await waitFor('enrollment to see the trial recruiting', async () => ((await enrollment.getJson(`/trials/${TRIAL}`)).body.overallStatus === 'RECRUITING' ? true : undefined));
  });

  afterAll(() => platform.cleanUp());

  it.each(LOOPHOLES.map((l, i) => [l.name, l, i] as const))('refuses %s over HTTP, naming the field and the rule, and records nothing', async (_name, loophole, i) => {
    const subjectId = `S-50${i}`;
    const screening = eligibleScreening(subjectId);
    const response = await enrollment.postJson(`/trials/${TRIAL}/screenings`, { ...screening, ...loophole.patch(screening) });
    expect(response.status).toBe(400);
    expect(response.body.violations).toEqual([expect.objectContaining({ field: loophole.field, rule: loophole.rule })]);
    expect((await enrollment.getJson(`/trials/${TRIAL}/subjects/${subjectId}`)).status).toBe(404);
  });

  it('dead-letters the same screenings from the ingress topic with the rule named, and records none of them', async () => {
    const keys = LOOPHOLES.map((_, i) => `S-51${i}`);
    await probe.produce(
      ingress,
      LOOPHOLES.map((loophole, i) => {
        const screening = eligibleScreening(keys[i]);
        return { key: keys[i], value: JSON.stringify(screeningEvent({ ...screening, ...loophole.patch(screening) })) };
      }),
    );
    const letters = await waitFor('a dead letter for each', async () => {
      const found = keys.map((key) => deadLetters.find((m) => m.key === key));
      return found.every(Boolean) ? (found as ReceivedMessage[]) : undefined;
    });
    LOOPHOLES.forEach((loophole, i) => {
      expect(letters[i].headers['dead-letter-kind']).toBe(loophole.kind);
      expect(letters[i].headers['dead-letter-reason']).toContain(`[${loophole.rule}]`);
    });
    for (const key of keys) expect((await enrollment.getJson(`/trials/${TRIAL}/subjects/${key}`)).status).toBe(404);
    expect(enrollmentEvents.filter((m) => keys.includes(m.key ?? ''))).toEqual([]);
  });

  it('judges a test taken too long before baseline as no recent result', async () => {
    const screening = eligibleScreening('S-520');
    const testResults = screening.testResults.map((t) => (t.test === 'HBV' ? { ...t, date: '2015-04-01' } : t));
    const response = await enrollment.postJson(`/trials/${TRIAL}/screenings`, { ...screening, testResults });
    expect(response).toMatchObject({ status: 201, body: { eligible: false } });
    expect(response.body.ruleResults.filter((r: { outcome: string }) => r.outcome === 'FAIL')).toEqual([
      {
        ruleId: 'EX-TEST-HBV',
        description: 'HBV test negative, taken at most 28 days before baseline',
        observed: 'no recent result (latest NEGATIVE on 2015-04-01, 61 days before baseline)',
        outcome: 'FAIL',
      },
    ]);
  });

  it('answers 404 for a trial it has never heard of and 400 for a consent without its date, never 500', async () => {
    const unknown = 'NCT09999999';
    expect((await enrollment.postJson(`/trials/${unknown}/subjects/S-1/enrollment`, { plannedFirstInfusionDate: '2015-06-08' })).status).toBe(404);
    expect((await enrollment.postJson(`/trials/${unknown}/subjects/S-1/consent`, { consentVersion: '1.0', consentDate: '2015-05-30' })).status).toBe(404);
    expect((await enrollment.postJson(`/trials/${unknown}/subjects/S-1/withdrawal`, { withdrawnBy: 'SUBJECT', reason: 'r', withdrawalDate: '2015-06-01' })).status).toBe(404);

    expect((await enrollment.postJson(`/trials/${TRIAL}/screenings`, eligibleScreening('S-530'))).status).toBe(201);
    const undated = await enrollment.postJson(`/trials/${TRIAL}/subjects/S-530/consent`, { consentVersion: '1.0' });
    expect(undated).toMatchObject({ status: 400, body: { violations: [{ field: 'consentDate', rule: 'isCalendarDate' }] } });
    expect((await enrollment.getJson(`/trials/${TRIAL}/subjects/S-530`)).body.consentDate).toBeNull();
  });

  it("takes a consent dated today in Beijing while UTC's calendar is still on yesterday", async () => {
    expect((await enrollment.postJson(`/trials/${TRIAL}/screenings`, eligibleScreening('S-540'))).status).toBe(201);
    // The next 23:00 UTC: 07:00 the following day at the site (Asia/Shanghai).
    const at = new Date();
    at.setUTCHours(23, 0, 0, 0);
    if (at.getTime() <= Date.now() + 60_000) at.setUTCDate(at.getUTCDate() + 1);
    expect((await enrollment.postJson('/operations/clock/advance', { to: at.toISOString() })).status).toBe(200);

    const beijingToday = calendarDateIn(at, 'Asia/Shanghai');
    expect(beijingToday).not.toBe(at.toISOString().slice(0, 10));
    const consent = await enrollment.postJson(`/trials/${TRIAL}/subjects/S-540/consent`, { consentVersion: '1.0', consentDate: beijingToday });
    expect(consent).toMatchObject({ status: 200, body: { consentDate: beijingToday } });

    const tomorrow = calendarDateIn(new Date(at.getTime() + 86_400_000), 'Asia/Shanghai');
    const future = await enrollment.postJson(`/trials/${TRIAL}/subjects/S-540/consent`, { consentVersion: '1.0', consentDate: tomorrow });
    expect(future).toMatchObject({ status: 400, body: { violations: [{ field: 'consentDate', rule: 'notInFuture' }] } });
  });

  it('closes enrollment when an amendment lowers the target to the number enrolled, and the registry stops recruiting', async () => {
    for (const subjectId of ['S-550', 'S-551']) {
      expect((await enrollment.postJson(`/trials/${TRIAL}/screenings`, eligibleScreening(subjectId))).status).toBe(201);
      await enrollment.postJson(`/trials/${TRIAL}/subjects/${subjectId}/consent`, { consentVersion: '1.0', consentDate: '2015-05-30' });
      expect((await enrollment.postJson(`/trials/${TRIAL}/subjects/${subjectId}/enrollment`, { plannedFirstInfusionDate: '2015-06-08' })).status).toBe(200);
    }
    expect(enrollmentStatus.filter((m) => m.headers['event-type'] === 'EnrollmentClosed')).toEqual([]);

    const amendment = await registry.postJson(`/trials/${TRIAL}/protocol-versions`, {
      ...referenceProtocolDraft(),
      enrollmentTarget: 2,
      amendmentReason: 'safety board: cohort limited to the subjects already enrolled',
    });
    expect(amendment).toMatchObject({ status: 201, body: { version: 2 } });

    const closed = await waitFor('EnrollmentClosed', async () => enrollmentStatus.find((m) => m.headers['event-type'] === 'EnrollmentClosed'));
    expect(JSON.parse(closed.value!).payload).toEqual({ enrolled: 2, target: 2, reason: 'TARGET_REACHED', protocolVersion: 2 });
    await waitFor('the registry to stop recruiting', async () =>
      (await registry.getJson(`/trials/${TRIAL}`)).body.overallStatus === 'ACTIVE_NOT_RECRUITING' ? true : undefined,
    );
  });
});
