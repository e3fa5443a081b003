import { addDays, calendarDateIn, TOPICS, type EventEnvelope } from '@trialstream/contracts';
import { eligibleScreening, waitFor, type ReceivedMessage } from '@trialstream/testing';
import { infusionReport } from './infusion-reports';
import { PlatformUnderTest } from './platform-under-test';

const TRIAL = 'NCT02491658';
const SITE_ZONE = 'Asia/Shanghai';

/**
 * The loop the platform exists for, with no event played by the test: a grade 3 reaction recorded
 * at the infusion reaches safety as a case, the subject stopping rule places a dosing hold, and
 * infusion tracking records the next infusion with a deviation for it.
 */
describe('a reaction at an infusion holds the subject: infusion tracking, safety and back', () => {
  const platform = new PlatformUnderTest();
  const { registry, probe } = platform;
  const [{ service: enrollment }, { service: infusion }, { service: safety }] = platform.downstream;
  const DAY0 = addDays(calendarDateIn(new Date(), SITE_ZONE), 1);
  const at = (day: number, hour: number) => `${addDays(DAY0, day)}T${String(hour).padStart(2, '0')}:00:00+08:00`;
  let safetyEvents: ReceivedMessage[];
  let alerts: ReceivedMessage[];

  /** Each service's "now" moves to the same instant, so "today at the site" is one day everywhere. */
  const advanceTo = async (instant: string) => {
    for (const service of [enrollment, infusion, safety]) {
      expect((await service.postJson('/operations/clock/advance', { to: new Date(instant).toISOString() })).status).toBe(200);
    }
  };
  const payloads = (messages: ReceivedMessage[], type: string) =>
    messages.filter((m) => m.headers['event-type'] === type).map((m) => JSON.parse(m.value!) as EventEnvelope<Record<string, unknown>>);

  beforeAll(async () => {
    await Promise.all([enrollment, infusion, safety].map((service) => service.start({ CLOCK_ADJUSTABLE: 'true' })));
    await registry.start();
    safetyEvents = await probe.watch(platform.topic(TOPICS.safetyEvents));
    alerts = await probe.watch(platform.topic(TOPICS.safetyAlerts));
    await waitFor('the reference protocol in enrollment', async () => ((await enrollment.getJson(`/trials/${TRIAL}/enrollment-policy`)).status === 200 ? true : undefined));
    await registry.postJson(`/trials/${TRIAL}/status`, { status: 'RECRUITING', reason: 'recruitment opens' });
    await waitFor('enrollment to see the trial recruiting', async () => ((await enrollment.getJson(`/trials/${TRIAL}`)).body.overallStatus === 'RECRUITING' ? true : undefined));
    expect((await enrollment.postJson(`/trials/${TRIAL}/screenings`, eligibleScreening('R-1'))).status).toBe(201);
    expect((await enrollment.postJson(`/trials/${TRIAL}/subjects/R-1/consent`, { consentVersion: '1.0', consentDate: '2015-05-30' })).status).toBe(200);
    expect((await enrollment.postJson(`/trials/${TRIAL}/subjects/R-1/enrollment`, { plannedFirstInfusionDate: DAY0 })).status).toBe(200);
    await waitFor('the visits of R-1', async () => ((await infusion.getJson(`/trials/${TRIAL}/subjects/R-1/visits`)).body.length === 11 ? true : undefined));
    await waitFor('safety to know R-1', async () => ((await platform.query('safety', 'SELECT 1 FROM known_subject WHERE subject_id = $1', ['R-1'])).length ? true : undefined));
  });

  afterAll(() => platform.cleanUp());

  it('turns a grade 3 reaction into a case, alerts and a hold, and the next infusion into an UNDER_DOSING_HOLD deviation', async () => {
    await advanceTo(at(0, 10));
    const reaction = { ctcaeGrade: 3, term: 'Infusion related reaction', description: 'rigors and hypotension, infusion stopped, admitted overnight' };
    const first = await infusion.postJson(`/trials/${TRIAL}/subjects/R-1/infusions`, infusionReport(1, at(0, 9), { reaction }));
    expect(first).toMatchObject({ status: 201, body: { deviations: [] } });

    const [hold] = await waitFor('the dosing hold on R-1', async () => {
      const placed = payloads(safetyEvents, 'DosingHoldPlaced').filter((e) => e.payload.subjectId === 'R-1');
      return placed.length ? placed : undefined;
    });
    expect(hold.payload).toMatchObject({ scope: 'SUBJECT', ruleId: expect.any(String), caseId: expect.stringContaining('R-1') });
    const caseAlerts = await waitFor('the alerts of the case', async () => {
      const found = payloads(alerts, 'SafetyAlertRaised').filter((e) => e.payload.caseId === hold.payload.caseId);
      return found.length >= 2 ? found : undefined;
    });
    expect(caseAlerts.map((a) => a.payload.kind)).toEqual(expect.arrayContaining(['SEVERE_EVENT', 'STOPPING_RULE_TRIGGERED']));
    const { body: found } = await safety.getJson(`/trials/${TRIAL}/cases/${hold.payload.caseId}`);
    expect(found).toMatchObject({ subjectId: 'R-1', ctcaeGrade: 3 });
    await waitFor('infusion tracking to hold R-1', async () =>
      (await platform.query('infusion-tracking', 'SELECT 1 FROM processed_event WHERE event_id = $1', [hold.eventId])).length ? true : undefined,
    );

    await advanceTo(at(7, 10));
    const second = await infusion.postJson(`/trials/${TRIAL}/subjects/R-1/infusions`, infusionReport(2, at(7, 9)));
    expect(second.status).toBe(201);
    expect(second.body.deviations).toEqual([expect.objectContaining({ kind: 'UNDER_DOSING_HOLD' })]);
  });
});
