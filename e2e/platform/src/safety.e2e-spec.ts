import { addDays, deadLetterTopic, TOPICS } from '@trialstream/contracts';
import { eligibleScreening, waitFor, type ReceivedMessage } from '@trialstream/testing';
import { consumedWithOutcome, PlatformUnderTest } from './platform-under-test';
import { adverseEventReport, adverseEventReported, eventsOf, fatalSusar, infusionReactionReported, todayInBeijing, waitForEvents } from './safety-reports';

const TRIAL = 'NCT02491658';

describe('safety end to end: cases from reports, alerts, dosing holds and the trial halt', () => {
  const platform = new PlatformUnderTest();
  const { registry, probe } = platform;
  const [{ service: enrollment }, , { service: safety }] = platform.downstream;
  let safetyEvents: ReceivedMessage[];
  let alerts: ReceivedMessage[];
  let registryEvents: ReceivedMessage[];
  let deadLetters: ReceivedMessage[];
  const ingress = platform.topic(TOPICS.sponsorIngress);
  const report = (event: ReturnType<typeof adverseEventReported>) => probe.produce(ingress, [{ key: event.subjectId!, value: JSON.stringify(event) }]);
  const caseOf = (caseId: string) => safety.getJson(`/trials/${TRIAL}/cases/${caseId}`);
  const caseWithVersions = (caseId: string, count: number) =>
    waitFor(`case ${caseId} with ${count} version(s)`, async () => {
      const { status, body } = await caseOf(caseId);
      return status === 200 && body.versions.length === count ? body : undefined;
    });
  const alertsOf = (caseId: string) => eventsOf(alerts, 'SafetyAlertRaised').filter((e) => e.payload.caseId === caseId);

  const screenAndConsent = async (subjectId: string) => {
    expect((await enrollment.postJson(`/trials/${TRIAL}/screenings`, eligibleScreening(subjectId))).status).toBe(201);
    expect((await enrollment.postJson(`/trials/${TRIAL}/subjects/${subjectId}/consent`, { consentVersion: '1.0', consentDate: '2015-05-30' })).status).toBe(200);
  };

  beforeAll(async () => {
    await platform.startAll();
    [safetyEvents, alerts, registryEvents, deadLetters] = await Promise.all(
      [TOPICS.safetyEvents, TOPICS.safetyAlerts, TOPICS.registryEvents, deadLetterTopic('safety')].map((topic) => probe.watch(platform.topic(topic))),
    );
    await waitFor('the reference protocol in enrollment and safety', async () =>
      (await enrollment.getJson(`/trials/${TRIAL}/enrollment-policy`)).status === 200 && (await safety.getJson(`/trials/${TRIAL}/safety-policy`)).status === 200 ? true : undefined,
    );
    await registry.postJson(`/trials/${TRIAL}/status`, { status: 'RECRUITING', reason: 'recruitment opens' });
    await waitFor('enrollment to see the trial recruiting', async () => ((await enrollment.getJson(`/trials/${TRIAL}`)).body.overallStatus === 'RECRUITING' ? true : undefined));
    const subjects = ['S-701', 'S-702', 'S-703', 'S-704'];
    for (const subjectId of subjects) {
      await screenAndConsent(subjectId);
      expect((await enrollment.postJson(`/trials/${TRIAL}/subjects/${subjectId}/enrollment`, { plannedFirstInfusionDate: '2015-06-08' })).status).toBe(200);
    }
    await waitFor('safety to know the enrolled subjects', async () =>
      (await platform.query('safety', 'SELECT subject_id FROM known_subject WHERE trial_id = $1', [TRIAL])).length === subjects.length ? true : undefined,
    );
  });

  afterAll(() => platform.cleanUp());

  it('turns a grade 3 infusion reaction from infusion tracking into a case, alerts, and a dosing hold on the subject', async () => {
    await probe.produce(platform.topic(TOPICS.infusionEvents), [{ key: 'S-701', value: JSON.stringify(infusionReactionReported(TRIAL, 'S-701', 3)) }]);

    const found = await caseWithVersions('S-701-IRR-2', 1);
    expect(found).toMatchObject({ subjectId: 'S-701', ctcaeGrade: 3, eventCategory: 'INFUSION_RELATED_REACTION', serious: false, susar: false, clocks: [] });
    expect(found.versions[0]).toMatchObject({ receivedVia: 'INFUSION_TRACKING', classification: { severe: true, serious: false } });

    const [hold] = await waitForEvents(safetyEvents, 'DosingHoldPlaced', (e) => e.payload.caseId === 'S-701-IRR-2');
    expect(hold).toMatchObject({ subjectId: 'S-701', payload: { scope: 'SUBJECT', subjectId: 'S-701', ruleId: 'SR-SUBJECT-INFUSION-REACTION' } });
    expect(safetyEvents.find((m) => m.headers['event-type'] === 'DosingHoldPlaced')!.key).toBe('S-701');

    await waitFor('two alerts', async () => (alertsOf('S-701-IRR-2').length === 2 ? true : undefined));
    expect(alertsOf('S-701-IRR-2').map((a) => [a.payload.kind, a.payload.severity])).toEqual([
      ['SEVERE_EVENT', 'MEDIUM'],
      ['STOPPING_RULE_TRIGGERED', 'HIGH'],
    ]);
    const ruleAlert = alertsOf('S-701-IRR-2')[1].payload;
    expect(ruleAlert).toMatchObject({ ruleId: 'SR-SUBJECT-INFUSION-REACTION', holdId: hold.payload.holdId, caseVersion: 1 });
    expect(ruleAlert.nextStep).toContain('Dosing of subject S-701 is on hold');

    const { body: inPlace } = await safety.getJson(`/trials/${TRIAL}/dosing-holds?inPlace=true&subjectId=S-701`);
    expect(inPlace).toMatchObject({ total: 1, items: [{ holdId: hold.payload.holdId, scope: 'SUBJECT' }] });
    // A subject's hold is not the registry's: the trial keeps recruiting.
    expect((await registry.getJson(`/trials/${TRIAL}`)).body.overallStatus).toBe('RECRUITING');
  });

  it('adds a follow-up report to the case as version 2 and raises no alert for what the monitors were told', async () => {
    const initial = adverseEventReport('S-702', 'AE-702', { ctcaeGrade: 3, seriousness: ['HOSPITALISATION'], term: 'Pneumonia' });
    await report(adverseEventReported(TRIAL, initial));
    await caseWithVersions('AE-702', 1);
    const told = await waitFor('two alerts', async () => (alertsOf('AE-702').length === 2 ? alertsOf('AE-702') : undefined));
    expect(told.map((a) => a.payload.kind)).toEqual(['SERIOUS_EVENT', 'SEVERE_EVENT']);

    await report(adverseEventReported(TRIAL, { ...initial, reportId: 'AE-702/1', outcome: 'RECOVERED', narrative: 'Treated with antibiotics; discharged on day 6.' }));
    const followedUp = await caseWithVersions('AE-702', 2);
    expect(followedUp).toMatchObject({ currentVersion: 2, serious: true, susar: false });
    expect(followedUp.versions.map((v: { reportId: string; report: { outcome: string } }) => [v.reportId, v.report.outcome])).toEqual([
      ['AE-702/0', 'RECOVERING'],
      ['AE-702/1', 'RECOVERED'],
    ]);
    // Alerts commit with the version that raises them: two, still.
    expect((await safety.getJson(`/trials/${TRIAL}/alerts?caseId=AE-702`)).body.total).toBe(2);
  });

  it('lets a monitor acknowledge an alert once, saying who, and a person place a hold on a subject', async () => {
    const { body: open } = await safety.getJson(`/trials/${TRIAL}/alerts?caseId=AE-702&acknowledged=false`);
    expect(open.total).toBe(2);
    const alertId = open.items.find((a: { kind: string }) => a.kind === 'SERIOUS_EVENT').alertId;
    const acknowledge = (who: string) => safety.postJson(`/trials/${TRIAL}/alerts/${alertId}/acknowledgement`, {}, {}, { role: 'safety-monitor', subject: who });
    expect(await acknowledge('Dr Wang, safety monitor')).toMatchObject({ status: 200, body: { acknowledgedBy: 'Dr Wang, safety monitor', acknowledgedAt: expect.any(String) } });
    expect(await acknowledge('someone else')).toMatchObject({ status: 409, body: { violations: [{ rule: 'notYetAcknowledged' }] } });
    expect((await safety.getJson(`/trials/${TRIAL}/alerts?caseId=AE-702&acknowledged=true`)).body).toMatchObject({ total: 1, items: [{ alertId }] });

    const hold = { scope: 'SUBJECT', subjectId: 'S-702', reason: 'pneumonia under review before the next infusion' };
    const monitor = { role: 'safety-monitor', subject: 'Dr Wang, safety monitor' };
    const placed = await safety.postJson(`/trials/${TRIAL}/dosing-holds`, hold, {}, monitor);
    expect(placed).toMatchObject({ status: 201, body: { scope: 'SUBJECT', subjectId: 'S-702', ruleId: null } });
    expect(await safety.postJson(`/trials/${TRIAL}/dosing-holds`, hold)).toMatchObject({ status: 409, body: { violations: [{ rule: 'oneActiveHold' }] } });
    const [event] = await waitForEvents(safetyEvents, 'DosingHoldPlaced', (e) => e.payload.holdId === placed.body.holdId);
    expect(event).toMatchObject({ subjectId: 'S-702', payload: { reason: hold.reason, placedBy: monitor.subject } });
  });

  it('records a report delivered twice, or sent again under a new event id, as one case version', async () => {
    const event = adverseEventReported(TRIAL, adverseEventReport('S-703', 'AE-703'));
    const [handledBefore, duplicatesBefore] = await Promise.all([
      consumedWithOutcome(safety, 'handled', 'AdverseEventReported'),
      consumedWithOutcome(safety, 'duplicate', 'AdverseEventReported'),
    ]);
    await report(event);
    await report(event);
    await report(adverseEventReported(TRIAL, event.payload));
    await waitFor('all three deliveries consumed', async () =>
      (await consumedWithOutcome(safety, 'handled', 'AdverseEventReported')) === handledBefore + 2 &&
      (await consumedWithOutcome(safety, 'duplicate', 'AdverseEventReported')) === duplicatesBefore + 1 ? true : undefined,
    );
    const again = await safety.postJson(`/trials/${TRIAL}/adverse-event-reports`, event.payload);
    expect(again.status).toBe(201);
    expect(again.body.versions).toHaveLength(1);
    expect((await caseOf('AE-703')).body.versions).toHaveLength(1);

    const changed = await safety.postJson(`/trials/${TRIAL}/adverse-event-reports`, { ...event.payload, ctcaeGrade: 1 });
    expect(changed).toMatchObject({ status: 409, body: { violations: [{ field: 'reportId', rule: 'oneContentPerReport' }] } });
  });

  it('refuses impossible reports with the reason: a dead letter from the ingress topic, 400 or 409 over HTTP, nothing recorded', async () => {
    const impossible = [
      { key: 'bad-grade', report: adverseEventReport('S-703', 'AE-790', { ctcaeGrade: 6 }), kind: 'INVALID_PAYLOAD', reason: 'payload.ctcaeGrade: ctcaeGrade must not be greater than 5 [max]' },
      { key: 'bad-onset', report: adverseEventReport('S-703', 'AE-791', { onsetDate: addDays(todayInBeijing(), 1), awareDate: todayInBeijing() }), kind: 'REJECTED', reason: '[onsetNotAfterAwareness]' },
      { key: 'bad-outcome', report: adverseEventReport('S-703', 'AE-792', { ctcaeGrade: 5, outcome: 'RECOVERED' }), kind: 'REJECTED', reason: '[fatalAtGrade5]' },
    ];
    await probe.produce(ingress, [
      ...impossible.map(({ key, report }) => ({ key, value: JSON.stringify(adverseEventReported(TRIAL, report)) })),
      { key: 'not-json', value: '{"type": "AdverseEventReported", ' },
    ]);
    const letters = await waitFor('a dead letter for each', async () => {
      const found = [...impossible.map((i) => i.key), 'not-json'].map((key) => deadLetters.find((m) => m.key === key));
      return found.every(Boolean) ? (found as ReceivedMessage[]) : undefined;
    });
    impossible.forEach(({ kind, reason }, i) => {
      expect(letters[i].headers['dead-letter-kind']).toBe(kind);
      expect(letters[i].headers['dead-letter-reason']).toContain(reason);
    });
    expect(letters[3].headers['dead-letter-kind']).toBe('MALFORMED_JSON');

    const post = (body: object, trial = TRIAL) => safety.postJson(`/trials/${trial}/adverse-event-reports`, body);
    expect(await post(impossible[0].report)).toMatchObject({ status: 400, body: { violations: [{ field: 'ctcaeGrade', rule: 'max' }] } });
    expect(await post(impossible[1].report)).toMatchObject({ status: 400, body: { violations: [{ field: 'onsetDate', rule: 'onsetNotAfterAwareness' }] } });
    expect(await post(adverseEventReport('S-999', 'AE-793'))).toMatchObject({ status: 409, body: { violations: [{ field: 'subjectId', rule: 'enrolledSubject' }] } });
    expect((await post(adverseEventReport('S-703', 'AE-794'), 'NCT09999999')).status).toBe(404);
    for (const caseId of ['AE-790', 'AE-791', 'AE-792', 'AE-793']) expect((await caseOf(caseId)).status).toBe(404);
  });

  it('halts the trial on a fatal related unexpected event: SUSAR alert with its 7-day deadline, trial-wide hold, SUSPENDED, enrollment refused', async () => {
    await screenAndConsent('S-799');
    const today = todayInBeijing();
    await report(adverseEventReported(TRIAL, fatalSusar('S-704', 'AE-704')));

    const susar = (await waitFor('the SUSAR alert', async () => alertsOf('AE-704').find((a) => a.payload.kind === 'SUSAR'))).payload;
    expect(susar).toMatchObject({ severity: 'CRITICAL', dueDate: addDays(today, 7), caseVersion: 1 });
    expect(susar.nextStep).toContain(`by ${addDays(today, 7)} (day 0: ${today})`);
    expect(susar.nextStep).toContain(`the completed report is due by ${addDays(today, 15)}`);
    const due = await waitForEvents(safetyEvents, 'ExpeditedReportDue', (e) => e.payload.caseId === 'AE-704', 2);
    expect(due.map((e) => [e.payload.report, e.payload.dueDate, e.payload.basis])).toEqual([
      ['INITIAL', addDays(today, 7), 'FATAL_OR_LIFE_THREATENING'],
      ['COMPLETION', addDays(today, 15), 'FATAL_OR_LIFE_THREATENING'],
    ]);

    const [hold] = await waitForEvents(safetyEvents, 'DosingHoldPlaced', (e) => e.payload.scope === 'TRIAL');
    expect(hold).toMatchObject({ payload: { ruleId: 'SR-TRIAL-DEATH-OR-LIFE-THREATENING', caseId: 'AE-704' } });
    expect(safetyEvents.find((m) => m.headers['event-type'] === 'DosingHoldPlaced' && m.key === TRIAL)).toBeDefined();
    await waitFor('the stopping-rule alert', async () => alertsOf('AE-704').find((a) => a.payload.kind === 'STOPPING_RULE_TRIGGERED'));
    expect(alertsOf('AE-704').map((a) => a.payload.kind)).toEqual(['SERIOUS_EVENT', 'SUSAR', 'SEVERE_EVENT', 'STOPPING_RULE_TRIGGERED']);

    await waitFor('the registry to suspend the trial', async () => ((await registry.getJson(`/trials/${TRIAL}`)).body.overallStatus === 'SUSPENDED' ? true : undefined));
    const suspension = eventsOf(registryEvents, 'TrialStatusChanged').find((e) => e.payload.to === 'SUSPENDED');
    expect(suspension).toMatchObject({ causationId: hold.eventId, correlationId: hold.correlationId });
    expect(suspension.payload.reason).toBe(`trial-wide dosing hold ${hold.payload.holdId} placed by safety stopping rule SR-TRIAL-DEATH-OR-LIFE-THREATENING: ${hold.payload.reason}`);
    expect((await registry.getJson(`/trials/${TRIAL}/dosing-holds`)).body).toMatchObject({ total: 1, items: [{ holdId: hold.payload.holdId, outcome: 'APPLIED', trialStatus: 'RECRUITING' }] });

    await waitFor('enrollment to see the trial suspended', async () => ((await enrollment.getJson(`/trials/${TRIAL}`)).body.overallStatus === 'SUSPENDED' ? true : undefined));
    const refused = await enrollment.postJson(`/trials/${TRIAL}/subjects/S-799/enrollment`, { plannedFirstInfusionDate: '2015-06-08' });
    expect(refused).toMatchObject({ status: 409, body: { violations: [{ field: 'trial', rule: 'recruiting' }] } });
  });

  it('lifts the trial-wide hold only as a person\'s recorded decision, and that does not resume the trial', async () => {
    const { body: holds } = await safety.getJson(`/trials/${TRIAL}/dosing-holds?inPlace=true`);
    const trialHold = holds.items.find((h: { scope: string }) => h.scope === 'TRIAL');
    const lift = { reason: 'DSMB reviewed case AE-704: dosing may resume' };
    const board = { role: 'dsmb', subject: 'DSMB chair' };
    const monitor = { role: 'safety-monitor', subject: 'Dr Wang, safety monitor' };
    expect(await safety.postJson(`/trials/${TRIAL}/dosing-holds/${trialHold.holdId}/lift`, lift, {}, monitor)).toMatchObject({ status: 403, body: { message: 'only the dsmb role lifts a TRIAL hold' } });
    expect(await safety.postJson(`/trials/${TRIAL}/dosing-holds/${trialHold.holdId}/lift`, lift, {}, board)).toMatchObject({ status: 200, body: { liftedBy: 'DSMB chair' } });
    expect((await safety.postJson(`/trials/${TRIAL}/dosing-holds/${trialHold.holdId}/lift`, lift, {}, board)).status).toBe(409);

    const [lifted] = await waitForEvents(safetyEvents, 'DosingHoldLifted', (e) => e.payload.holdId === trialHold.holdId);
    expect(lifted.payload).toMatchObject({ scope: 'TRIAL', reason: lift.reason, liftedBy: 'DSMB chair' });
    expect((await registry.getJson(`/trials/${TRIAL}`)).body.overallStatus).toBe('SUSPENDED');
  });
});
