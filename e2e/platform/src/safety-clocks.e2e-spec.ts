import { setTimeout as sleep } from 'node:timers/promises';
import { addDays, startOfDayIn, TOPICS, type EventEnvelope } from '@trialstream/contracts';
import { waitFor, type ReceivedMessage } from '@trialstream/testing';
import { subjectEnrolled } from './enrollment-events';
import { PlatformUnderTest } from './platform-under-test';
import { adverseEventReport, adverseEventReported, eventsOf, todayInBeijing, waitForEvents } from './safety-reports';

const TRIAL = 'NCT02491658';
/** Serious (hospitalisation), unexpected and related: a SUSAR with the 15-day clock. */
const susar = (subjectId: string, caseId: string) =>
  adverseEventReport(subjectId, caseId, { term: 'Acute hepatitis', ctcaeGrade: 3, seriousness: ['HOSPITALISATION'], expectedness: 'UNEXPECTED' });

describe('expedited-report clocks end to end: due, submitted, withdrawn, overdue across restarts', () => {
  const platform = new PlatformUnderTest();
  const { registry, probe } = platform;
  const safety = platform.downstream[2].service;
  let safetyEvents: ReceivedMessage[];
  let alerts: ReceivedMessage[];
  const today = todayInBeijing();
  const report = (...events: EventEnvelope[]) =>
    probe.produce(platform.topic(TOPICS.sponsorIngress), events.map((event) => ({ key: event.subjectId!, value: JSON.stringify(event) })));
  const handled = (event: EventEnvelope, timeoutMs?: number) =>
    waitFor(
      `safety to handle ${event.type} ${event.eventId}`,
      async () => ((await platform.query('safety', 'SELECT 1 FROM processed_event WHERE event_id = $1', [event.eventId])).length ? true : undefined),
      timeoutMs,
    );
  const clocksOf = async (caseId: string) => (await safety.getJson(`/trials/${TRIAL}/cases/${caseId}`)).body.clocks;
  const overdueAlerts = () => eventsOf(alerts, 'SafetyAlertRaised').filter((e) => e.payload.kind === 'REPORT_OVERDUE');
  const restartSafety = async (signal: 'SIGTERM' | 'SIGKILL') => {
    // An orderly stop ends with exit 0; a killed process by the signal.
    if (signal === 'SIGTERM') await safety.stopCleanly();
    else expect(await safety.stop(signal)).toEqual({ code: null, signal });
    await safety.start({ CLOCK_ADJUSTABLE: 'true' });
  };

  beforeAll(async () => {
    await safety.start({ CLOCK_ADJUSTABLE: 'true' });
    await registry.start();
    [safetyEvents, alerts] = await Promise.all([TOPICS.safetyEvents, TOPICS.safetyAlerts].map((topic) => probe.watch(platform.topic(topic))));
    await waitFor('the reference protocol in safety', async () => ((await safety.getJson(`/trials/${TRIAL}/safety-policy`)).status === 200 ? true : undefined));
    const enrolled = ['S-801', 'S-802', 'S-803'].map((subjectId) => subjectEnrolled(TRIAL, subjectId));
    await probe.produce(platform.topic(TOPICS.enrollmentEvents), enrolled.map((event) => ({ key: event.subjectId!, value: JSON.stringify(event) })));
    for (const event of enrolled) await handled(event);
  });

  afterAll(() => platform.cleanUp());

  it('starts the 15-day clock of a SUSAR, ending with the day in Beijing, and stops it when a person records the submission', async () => {
    await report(adverseEventReported(TRIAL, susar('S-801', 'AE-801')));
    const [due] = await waitForEvents(safetyEvents, 'ExpeditedReportDue', (e) => e.payload.caseId === 'AE-801');
    expect(due.payload).toEqual({
      caseId: 'AE-801',
      subjectId: 'S-801',
      report: 'INITIAL',
      dueDate: addDays(today, 15),
      caseVersion: 1,
      basis: 'OTHER_SUSAR',
      dayZero: today,
      overdueAt: startOfDayIn(addDays(today, 16), 'Asia/Shanghai').toISOString(),
    });
    expect((await safety.getJson(`/trials/${TRIAL}/cases?openClock=true&susar=true`)).body).toMatchObject({ total: 1, items: [{ caseId: 'AE-801' }] });

    const submission = { report: 'INITIAL', recipient: 'NMPA', reference: 'NMPA-SUSAR-0001', submittedAt: new Date().toISOString() };
    const pharmacovigilance = { role: 'safety-monitor', subject: 'Li Na, pharmacovigilance' };
    expect(await safety.postJson(`/trials/${TRIAL}/cases/AE-801/report-submissions`, submission, {}, pharmacovigilance)).toMatchObject({ status: 201, body: { recipient: 'NMPA' } });
    expect(await clocksOf('AE-801')).toMatchObject([{ report: 'INITIAL', status: 'SUBMITTED' }]);
    const [submitted] = await waitForEvents(safetyEvents, 'ExpeditedReportSubmitted', (e) => e.payload.caseId === 'AE-801');
    expect(submitted.payload).toEqual({ caseId: 'AE-801', subjectId: 'S-801', dueDate: addDays(today, 15), ...submission, submittedBy: pharmacovigilance.subject });
    expect((await safety.getJson(`/trials/${TRIAL}/cases?openClock=true`)).body.total).toBe(0);

    const noCompletion = await safety.postJson(`/trials/${TRIAL}/cases/AE-801/report-submissions`, { ...submission, report: 'COMPLETION' });
    expect(noCompletion).toMatchObject({ status: 409, body: { violations: [{ field: 'report', rule: 'reportDue' }] } });
  });

  it('re-classifies on every follow-up: a case that becomes a SUSAR starts its clock, one that stops being one withdraws it', async () => {
    const initial = adverseEventReport('S-802', 'AE-802');
    const becomes = { ...initial, reportId: 'AE-802/1', seriousness: ['OTHER_MEDICALLY_IMPORTANT' as const], expectedness: 'UNEXPECTED' as const };
    const stops = { ...becomes, reportId: 'AE-802/2', expectedness: 'EXPECTED' as const, narrative: 'The reference safety information lists it.' };
    await report(adverseEventReported(TRIAL, initial), adverseEventReported(TRIAL, becomes), adverseEventReported(TRIAL, stops));

    const [due] = await waitForEvents(safetyEvents, 'ExpeditedReportDue', (e) => e.payload.caseId === 'AE-802');
    expect(due.payload).toMatchObject({ caseVersion: 2, dueDate: addDays(today, 15) });
    const [withdrawn] = await waitForEvents(safetyEvents, 'ExpeditedReportWithdrawn', (e) => e.payload.caseId === 'AE-802');
    expect(withdrawn.payload).toMatchObject({ caseVersion: 3, report: 'INITIAL', reason: 'the case is no longer a SUSAR' });
    expect(await clocksOf('AE-802')).toMatchObject([{ status: 'WITHDRAWN', caseVersion: 3 }]);
    expect(eventsOf(alerts, 'SafetyAlertRaised').filter((e) => e.payload.caseId === 'AE-802').map((e) => [e.payload.kind, e.payload.caseVersion])).toEqual([
      ['SERIOUS_EVENT', 2],
      ['SUSAR', 2],
    ]);
  });

  it('alerts one overdue report once the due day has ended, with the timer set before a restart, and not again after a crash', async () => {
    await report(adverseEventReported(TRIAL, susar('S-803', 'AE-803')));
    const [due] = await waitForEvents(safetyEvents, 'ExpeditedReportDue', (e) => e.payload.caseId === 'AE-803');
    const overdueAt = new Date(due.payload.overdueAt);
    await restartSafety('SIGTERM');

    expect((await safety.postJson('/operations/clock/advance', { to: new Date(overdueAt.getTime() - 60_000).toISOString() })).status).toBe(200);
    await sleep(1500);
    expect(overdueAlerts()).toEqual([]);

    expect((await safety.postJson('/operations/clock/advance', { minutes: 2 })).status).toBe(200);
    const [alert] = await waitFor('the overdue alert', async () => (overdueAlerts().length > 0 ? overdueAlerts() : undefined));
    expect(alert.payload).toMatchObject({ caseId: 'AE-803', severity: 'CRITICAL', dueDate: addDays(today, 15) });
    expect(await clocksOf('AE-803')).toMatchObject([{ status: 'OVERDUE' }]);

    // A crash, then a report handled after the restart: by then anything due again or redelivered would have come.
    await restartSafety('SIGKILL');
    const later = adverseEventReported(TRIAL, adverseEventReport('S-803', 'AE-804'));
    await report(later);
    // The killed instance holds its partitions until the broker's session timeout (30 s) gives them back.
    await handled(later, 60_000);
    await sleep(1000);
    expect(overdueAlerts()).toHaveLength(1);
    expect(eventsOf(safetyEvents, 'ExpeditedReportOverdue').map((e) => e.payload.caseId)).toEqual(['AE-803']);
    expect((await safety.getJson(`/trials/${TRIAL}/alerts?kind=REPORT_OVERDUE`)).body.total).toBe(1);
  });
});
