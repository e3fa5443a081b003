import { setTimeout as sleep } from 'node:timers/promises';
import { addDays, calendarDateIn, deadLetterTopic, startOfDayIn, TOPICS } from '@trialstream/contracts';
import { sampleEnvelope, waitFor, type ReceivedMessage } from '@trialstream/testing';
import { PlatformUnderTest, testPort } from './platform-under-test';
import { screenedRecently } from './screenings';

const TRIAL = 'NCT02491658';
const SITE_ZONE = 'Asia/Shanghai';
const ADJUSTABLE = { CLOCK_ADJUSTABLE: 'true' };
/** Today at the reference site; the subjects' first infusion is a week ahead, their last on day 49. */
const today = calendarDateIn(new Date(), SITE_ZONE);
const day = (n: number) => addDays(today, n);
const LAST_INFUSION = day(56);
/** Noon at the site, n days from today: where the tests move infusion tracking's clock. */
const noonOf = (n: number) => new Date(startOfDayIn(day(n), SITE_ZONE).getTime() + 12 * 3_600_000).toISOString();

const dlqiAnswers = (...scores: (number | null)[]) => scores.flatMap((score, i) => (score === null ? [] : [{ item: i + 1, score }]));

describe('assessments, responses and follow-up notices end to end', () => {
  const platform = new PlatformUnderTest();
  const { registry, probe } = platform;
  const enrollment = platform.downstream[0].service;
  const infusion = platform.downstream[1].service;
  const secondInfusion = platform.service('infusion-tracking', testPort(5));
  let infusionEvents: ReceivedMessage[];
  let deadLetters: ReceivedMessage[];

  const subjectPath = (subjectId: string) => `/trials/${TRIAL}/subjects/${subjectId}`;
  const payloadsOf = (type: string, subjectId?: string) =>
    infusionEvents.filter((m) => m.headers['event-type'] === type && (!subjectId || m.key === subjectId)).map((m) => JSON.parse(m.value!).payload);
  const eventOf = (type: string, subjectId: string) =>
    waitFor(`${type} of ${subjectId}`, async () => payloadsOf(type, subjectId)[0]);
  const ingress = (type: string, subjectId: string, payload: object) =>
    probe.produce(platform.topic(TOPICS.sponsorIngress), [{ key: subjectId, value: JSON.stringify(sampleEnvelope({ subjectId, ...payload }, { type, trialId: TRIAL, subjectId })) }]);
  /** Infusion tracking's own TreatmentCompleted, as the infusions feature puts it on its topic. */
  const treatmentCompleted = (subjectId: string) =>
    probe.produce(platform.topic(TOPICS.infusionEvents), [{
      key: subjectId,
      value: JSON.stringify(sampleEnvelope(
        { subjectId, lastInfusionDate: LAST_INFUSION, infusionsGiven: 6, protocolVersion: 1 },
        { type: 'TreatmentCompleted', trialId: TRIAL, subjectId, producer: 'infusion-tracking' },
      )),
    }]);
  const advance = (service = infusion, days: number) => service.postJson('/operations/clock/advance', { to: noonOf(days) });
  /** Notices of one type for a subject, by visit number. */
  const noticesOf = (type: string, subjectId: string) => payloadsOf(type, subjectId).map((p) => p.visitNumber as number).sort();

  beforeAll(async () => {
    await enrollment.start();
    await infusion.start(ADJUSTABLE);
    await registry.start();
    infusionEvents = await probe.watch(platform.topic(TOPICS.infusionEvents));
    deadLetters = await probe.watch(platform.topic(deadLetterTopic('infusion-tracking')));
    await waitFor('the reference protocol in enrollment and infusion tracking', async () =>
      (await enrollment.getJson(`/trials/${TRIAL}/enrollment-policy`)).status === 200 && (await infusion.getJson(`/trials/${TRIAL}/treatment-plan`)).status === 200
        ? true
        : undefined,
    );
    await registry.postJson(`/trials/${TRIAL}/status`, { status: 'RECRUITING', reason: 'recruitment opens' });
    await waitFor('enrollment to see the trial recruiting', async () => ((await enrollment.getJson(`/trials/${TRIAL}`)).body.overallStatus === 'RECRUITING' ? true : undefined));
    for (const subjectId of ['S-1', 'S-2', 'S-3', 'S-4']) {
      expect((await enrollment.postJson(`/trials/${TRIAL}/screenings`, screenedRecently(subjectId, today))).status).toBe(201);
      expect((await enrollment.postJson(`${subjectPath(subjectId)}/consent`, { consentVersion: '1.0', consentDate: day(-1) })).status).toBe(200);
      expect((await enrollment.postJson(`${subjectPath(subjectId)}/enrollment`, { plannedFirstInfusionDate: day(7) })).status).toBe(200);
    }
    for (const subjectId of ['S-1', 'S-2', 'S-3', 'S-4']) {
      await waitFor(`${subjectId}'s visits`, async () => ((await infusion.getJson(`${subjectPath(subjectId)}/visits`)).body.length === 11 ? true : undefined));
    }
  });

  afterAll(async () => {
    await secondInfusion.stop('SIGKILL');
    await platform.cleanUp();
  });

  it('waits for the treatment to complete: an assessment after infusion 6 before it is a conflict', async () => {
    const early = await infusion.postJson(`${subjectPath('S-1')}/assessments`, { timepoint: 'AFTER_INFUSION', visitNumber: 6, assessedOn: today, pasi: { total: 3.5 } });
    expect(early).toMatchObject({ status: 409, body: { violations: [{ field: 'timepoint', rule: 'assessmentDue' }] } });
    const { body } = await infusion.getJson(`${subjectPath('S-1')}/follow-up-visits`);
    expect(body.map((v: { windowOpens: string }) => v.windowOpens)).toEqual([day(79), day(140), day(231), day(322), day(414)]);
  });

  it('after TreatmentCompleted, records an assessment with its scores and evaluates the response against baseline: PASI75', async () => {
    await advance(infusion, 58);
    await treatmentCompleted('S-1');
    await treatmentCompleted('S-2');
    for (const subjectId of ['S-1', 'S-2']) {
      await waitFor(`the post-treatment assessment due for ${subjectId}`, async () => ((await infusion.getJson(`${subjectPath(subjectId)}/assessments`)).body.due?.length ? true : undefined));
    }

    // Baseline PASI 14.2 and DLQI 12 from screening.
    const recorded = await infusion.postJson(`${subjectPath('S-1')}/assessments`, {
      timepoint: 'AFTER_INFUSION', visitNumber: 6, assessedOn: day(57), pasi: { total: 3.5 }, dlqi: { answers: dlqiAnswers(1, 1, 0, 0, 1, 0, 0, 1, 0, 0) },
    });
    expect(recorded.status).toBe(201);
    const response = await eventOf('ResponseEvaluated', 'S-1');
    expect(response).toEqual({
      subjectId: 'S-1', timepoint: 'AFTER_INFUSION', visitNumber: 6, assessedOn: day(57),
      pasi: { baseline: 14.2, current: 3.5, improvementPercent: 75.3, pasi50: true, pasi75: true, pasi90: false, pasi100: false },
      dlqi: { baseline: 12, current: 4, improvement: 8, minimalImportantDifference: true },
    });
    expect(await eventOf('AssessmentRecorded', 'S-1')).toMatchObject({ pasi: { score: 3.5 }, dlqi: { scored: true, total: 4, band: 'SMALL_EFFECT', unansweredItems: 0 } });
    expect(recorded.body.response).toEqual(response);

    // From a site system: four region scores (0.6 + 1.2 + 2.4 + 2.4 = 6.6) and a DLQI with one question unanswered (it scores 0).
    const regions = [
      { region: 'HEAD', erythema: 1, induration: 1, desquamation: 1, area: 2 },
      { region: 'UPPER_LIMBS', erythema: 1, induration: 1, desquamation: 1, area: 2 },
      { region: 'TRUNK', erythema: 2, induration: 1, desquamation: 1, area: 2 },
      { region: 'LOWER_LIMBS', erythema: 1, induration: 1, desquamation: 1, area: 2 },
    ];
    await ingress('AssessmentSubmitted', 'S-2', { timepoint: 'AFTER_INFUSION', visitNumber: 6, assessedOn: day(58), pasi: { components: regions }, dlqi: { answers: dlqiAnswers(2, 1, 1, null, 1, 1, 1, 0, 1, 1) } });
    expect(await eventOf('AssessmentRecorded', 'S-2')).toMatchObject({ pasi: { score: 6.6 }, dlqi: { scored: true, total: 9, unansweredItems: 1, band: 'MODERATE_EFFECT' } });
    expect(await eventOf('ResponseEvaluated', 'S-2')).toMatchObject({ pasi: { improvementPercent: 53.5, pasi50: true, pasi75: false }, dlqi: { improvement: 3, minimalImportantDifference: false } });

    const { body: summary } = await infusion.getJson(`/trials/${TRIAL}/assessment-summary`);
    expect(summary).toEqual([
      {
        timepoint: 'AFTER_INFUSION', visitNumber: 6, due: 2, assessed: 2,
        pasi: { assessed: 2, pasi50: 2, pasi75: 1, pasi90: 0, pasi100: 0 },
        dlqi: { assessed: 2, scored: 2, minimalImportantDifference: 1 },
      },
    ]);
    expect((await infusion.getJson(`${subjectPath('S-1')}/responses`)).body.map((r: { instrument: string }) => r.instrument)).toEqual(['PASI', 'DLQI']);
  });

  it('refuses malformed and contradictory assessments, 400 over HTTP and a dead letter on Kafka, and records nothing', async () => {
    const base = { timepoint: 'AFTER_INFUSION', visitNumber: 6, assessedOn: day(58) };
    const itemScoredFour = { ...base, dlqi: { answers: [{ item: 4, score: 4 }] } };
    const contradicting = { ...base, pasi: { total: 12, components: [{ region: 'TRUNK', erythema: 1, induration: 1, desquamation: 1, area: 1 }] } };

    const malformed = await infusion.postJson(`${subjectPath('S-3')}/assessments`, itemScoredFour);
    expect(malformed).toMatchObject({ status: 400, body: { violations: [{ field: 'dlqi.answers.0.score', rule: 'max' }] } });
    const contradictory = await infusion.postJson(`${subjectPath('S-3')}/assessments`, contradicting);
    expect(contradictory).toMatchObject({ status: 400, body: { violations: [{ field: 'pasi.total', rule: 'matchesComponents', message: 'pasi.total 12 does not match its components (0.9)' }] } });

    await ingress('AssessmentSubmitted', 'S-3', itemScoredFour);
    await ingress('AssessmentSubmitted', 'S-3', contradicting);
    const [invalid, rejected] = await waitFor('two dead letters of S-3', async () => {
      const found = deadLetters.filter((m) => m.key === 'S-3');
      return found.length === 2 ? found : undefined;
    });
    expect(invalid.headers['dead-letter-kind']).toBe('INVALID_PAYLOAD');
    expect(invalid.headers['dead-letter-reason']).toContain('payload.dlqi.answers.0.score');
    expect(rejected.headers['dead-letter-kind']).toBe('REJECTED');
    expect(rejected.headers['dead-letter-reason']).toContain('pasi.total 12 does not match its components (0.9) [matchesComponents]');
    expect((await infusion.getJson(`${subjectPath('S-3')}/assessments`)).body.assessments).toEqual([]);
    expect(payloadsOf('AssessmentRecorded', 'S-3')).toEqual([]);
  });

  it("publishes FollowUpDue as each window opens; a recorded visit closes it, one left unrecorded is overdue once its window closes", async () => {
    const withdrawn = await enrollment.postJson(`${subjectPath('S-4')}/withdrawal`, { withdrawnBy: 'SUBJECT', reason: 'moved away', withdrawalDate: today });
    expect(withdrawn.status).toBe(200);
    await waitFor('infusion tracking to hold the withdrawal', async () => ((await infusion.getJson(`${subjectPath('S-4')}/withdrawal`)).status === 200 ? true : undefined));

    await advance(infusion, 85);
    for (const subjectId of ['S-1', 'S-2', 'S-3']) await eventOf('FollowUpDue', subjectId);
    expect(await eventOf('FollowUpDue', 'S-1')).toEqual({ subjectId: 'S-1', siteId: 'BJ-01', visitNumber: 1, plannedDate: day(86), windowOpens: day(79), windowCloses: day(93) });

    const visit = await infusion.postJson(`${subjectPath('S-2')}/follow-up-visits`, { visitNumber: 1, visitDate: day(85) });
    expect(visit).toMatchObject({ status: 201, body: { visitNumber: 1, withinWindow: true } });
    expect((await infusion.postJson(`${subjectPath('S-2')}/follow-up-visits`, { visitNumber: 1, visitDate: day(85) })).status).toBe(409);
    await ingress('FollowUpVisitSubmitted', 'S-3', { visitNumber: 1, visitDate: day(84) });
    expect(await eventOf('FollowUpVisitRecorded', 'S-3')).toMatchObject({ visitNumber: 1, visitDate: day(84), withinWindow: true });

    await advance(infusion, 100);
    expect(await eventOf('FollowUpOverdue', 'S-1')).toMatchObject({ visitNumber: 1, windowCloses: day(93) });
    await sleep(1500);
    expect(['S-2', 'S-3', 'S-4'].map((s) => noticesOf('FollowUpOverdue', s))).toEqual([[], [], []]);
    const { body } = await infusion.getJson(`${subjectPath('S-2')}/follow-up-visits`);
    expect(body[0]).toMatchObject({ visitNumber: 1, recorded: { visitDate: day(85), withinWindow: true } });
  });

  it('over the year, across a crash and a restart and with two instances, sends every notice once; none for the withdrawn subject', async () => {
    await infusion.stop('SIGKILL');
    // Restarted, the service's clock is back at real time: moved past the days it was down, it sends what fell due meanwhile.
    await infusion.start(ADJUSTABLE);
    await advance(infusion, 200);
    await waitFor('the notices of visit 2 missed while down', async () => (noticesOf('FollowUpOverdue', 'S-1').length === 2 ? true : undefined));

    await secondInfusion.start(ADJUSTABLE);
    await Promise.all([advance(infusion, 430), advance(secondInfusion, 430)]);
    await waitFor('every notice of the year', async () =>
      ['S-1', 'S-2', 'S-3'].every((s) => noticesOf('FollowUpDue', s).length >= 5) && noticesOf('FollowUpOverdue', 'S-1').length >= 5 ? true : undefined,
    );
    await sleep(2000);

    const everyVisit = [1, 2, 3, 4, 5];
    expect(['S-1', 'S-2', 'S-3'].map((s) => noticesOf('FollowUpDue', s))).toEqual([everyVisit, everyVisit, everyVisit]);
    expect(['S-1', 'S-2', 'S-3'].map((s) => noticesOf('FollowUpOverdue', s))).toEqual([everyVisit, [2, 3, 4, 5], [2, 3, 4, 5]]);
    expect([noticesOf('FollowUpDue', 'S-4'), noticesOf('FollowUpOverdue', 'S-4')]).toEqual([[], []]);
  });
});
