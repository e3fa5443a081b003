import { EVENT_CATALOGUE, TOPICS, type EventEnvelope, type TopicDefinition } from '@trialstream/contracts';
import { eligibleScreening, openApiProblems, sampleEnvelope, waitFor } from '@trialstream/testing';
import { infusionReport, infusionSubmitted } from './infusion-reports';
import { PlatformUnderTest, type KcatMessage } from './platform-under-test';
import { PublishedEvents } from './published-events';
import { reference, referenceProtocolDraft } from './reference-trial';
import { adverseEventReported, fatalSusar } from './safety-reports';

/** A trial of the reference shape with a target of one subject, so that one enrollment closes it. */
const TRIAL = 'NCT05000002';
function importedStudy() {
  const study = reference('nct02491658.ctgov.json');
  study.protocolSection.identificationModule = { nctId: TRIAL, briefTitle: 'UC-MSCs in plaque psoriasis, single-subject pilot' };
  study.protocolSection.statusModule.overallStatus = 'NOT_YET_RECRUITING';
  return study;
}
const protocolDraft = referenceProtocolDraft();

/** An event of the given type about a subject, keyed by the subject, as a sponsor's system (or a test playing a producer) sends it. */
const aboutSubject = (type: string, subjectId: string, payload: object, producer = 'sponsor system') => ({
  key: subjectId,
  value: JSON.stringify(sampleEnvelope(payload, { type, trialId: TRIAL, subjectId, producer })),
});
const screening = (payload: object, subjectId: string) => aboutSubject('ScreeningSubmitted', subjectId, payload);

/** Every event topic, read from the beginning to its end with kcat; dead-letter topics hold copies of these. */
function onTheWire(platform: PlatformUnderTest): KcatMessage[] {
  return Object.values(TOPICS).flatMap((topic) => platform.readWithKcat(platform.topic(topic)));
}

/** `{name: value}` of kcat's `[name, value, ...]` header list (absent when a message has none). */
const headersOf = (m: KcatMessage) => Object.fromEntries((m.headers ?? []).flatMap((v, i, all) => (i % 2 ? [] : [[v, all[i + 1]]])));

describe('the published contracts: what the services serve and put on the wire is what asyncapi.json and /docs-json say', () => {
  const platform = new PlatformUnderTest();
  const { registry, downstream, probe } = platform;
  const [enrollment, infusion, safety] = downstream.map((d) => d.service);
  const published = new PublishedEvents();
  const subjectPath = (subjectId: string) => `/trials/${TRIAL}/subjects/${subjectId}`;

  const publish = (topic: TopicDefinition, ...events: EventEnvelope[]) =>
    probe.produce(platform.topic(topic), events.map((event) => ({ key: event.subjectId!, value: JSON.stringify(event) })));

  // Traffic of every event type: registration, protocol, status changes, screenings (one eligible,
  // one not), an enrollment that reaches the target (its follow-up notices, dated 2015, fall due at
  // once; its infusion windows are long closed), the last infusion given with a reaction and too many
  // cells (treatment completed), an amendment with a new
  // consent form and the re-consent, an assessment and a follow-up visit from the site's system, and
  // a withdrawal, and the safety traffic below.
  beforeAll(async () => {
    await platform.startAll();
    expect((await registry.postJson('/trials/import', importedStudy())).status).toBe(201);
    expect((await registry.postJson(`/trials/${TRIAL}/protocol-versions`, { ...protocolDraft, enrollmentTarget: 1 })).status).toBe(201);
    await waitFor('the protocol in enrollment', async () => ((await enrollment.getJson(`/trials/${TRIAL}/enrollment-policy`)).status === 200 ? true : undefined));
    expect((await registry.postJson(`/trials/${TRIAL}/status`, { status: 'RECRUITING', reason: 'ethics approval received' })).status).toBe(200);
    await waitFor('enrollment to see the trial recruiting', async () => ((await enrollment.getJson(`/trials/${TRIAL}`)).body.overallStatus === 'RECRUITING' ? true : undefined));

    await probe.produce(platform.topic(TOPICS.sponsorIngress), [
      screening(eligibleScreening('C-1'), 'C-1'),
      screening({ ...eligibleScreening('C-2'), baselinePasi: 7.9 }, 'C-2'),
    ]);
    for (const subjectId of ['C-1', 'C-2']) {
      await waitFor(`${subjectId} screened`, async () => ((await enrollment.getJson(subjectPath(subjectId))).status === 200 ? true : undefined));
    }
    expect((await enrollment.postJson(`${subjectPath('C-1')}/consent`, { consentVersion: '1.0', consentDate: '2015-05-30' })).status).toBe(200);
    expect((await enrollment.postJson(`${subjectPath('C-1')}/enrollment`, { plannedFirstInfusionDate: '2015-06-08' })).status).toBe(200);
    await waitFor('the visits of C-1', async () => ((await infusion.getJson(`${subjectPath('C-1')}/visits`)).body.length > 0 ? true : undefined));
    const reaction = { ctcaeGrade: 1, term: 'Infusion related reaction', description: 'mild flushing' };
    await publish(TOPICS.sponsorIngress, infusionSubmitted(TRIAL, 'C-1', infusionReport(6, '2015-07-27T09:00:00+08:00', { cellsGiven: 80_000_000, reaction })));
    await waitFor('C-1 treated', async () => ((await infusion.getJson(`${subjectPath('C-1')}/infusions`)).body.length === 1 ? true : undefined));

    const amendment = { ...protocolDraft, enrollmentTarget: 1, informedConsentVersion: '1.1', amendmentReason: 'consent form 1.1' };
    expect((await registry.postJson(`/trials/${TRIAL}/protocol-versions`, amendment)).status).toBe(201);
    await waitFor('C-1 to owe a re-consent', async () => ((await enrollment.getJson(subjectPath('C-1'))).body.reconsentRequiredVersion === '1.1' ? true : undefined));
    expect((await enrollment.postJson(`${subjectPath('C-1')}/reconsent`, { consentVersion: '1.1', consentDate: '2015-09-01' })).status).toBe(200);

    // The last infusion completed the treatment: the post-treatment assessment is due.
    await waitFor('the post-treatment assessment due', async () => ((await infusion.getJson(`${subjectPath('C-1')}/assessments`)).body.due?.length ? true : undefined));
    const dlqi = { answers: Array.from({ length: 10 }, (_, i) => ({ item: i + 1, score: i % 2 })) };
    await probe.produce(platform.topic(TOPICS.sponsorIngress), [
      aboutSubject('AssessmentSubmitted', 'C-1', { subjectId: 'C-1', timepoint: 'AFTER_INFUSION', visitNumber: 6, assessedOn: '2015-07-30', pasi: { total: 3.5 }, dlqi }),
      aboutSubject('FollowUpVisitSubmitted', 'C-1', { subjectId: 'C-1', visitNumber: 1, visitDate: '2015-08-26' }),
    ]);
    await waitFor('the follow-up visit recorded', async () => ((await infusion.getJson(`${subjectPath('C-1')}/follow-up-visits`)).body[0]?.recorded ? true : undefined));
    const withdrawal = { withdrawnBy: 'INVESTIGATOR', reason: 'moved away', withdrawalDate: '2015-06-20' };
    expect((await enrollment.postJson(`${subjectPath('C-1')}/withdrawal`, withdrawal)).status).toBe(200);
    await waitFor('the registry to close recruitment', async () => ((await registry.getJson(`/trials/${TRIAL}`)).body.overallStatus === 'ACTIVE_NOT_RECRUITING' ? true : undefined));
    await safetyTraffic();
  });

  /**
   * A fatal SUSAR the sponsor learned of long ago (its reports are overdue at once: due, overdue,
   * alerts, a trial-wide hold), the first report's submission, a follow-up that withdraws the
   * completed report, and the hold lifted (the reaction above reached safety from infusion tracking).
   */
  async function safetyTraffic() {
    const susar = { ...fatalSusar('C-1', 'C-1-AE-1'), onsetDate: '2015-06-21', awareDate: '2015-06-21' };
    await probe.produce(platform.topic(TOPICS.sponsorIngress), [{ key: 'C-1', value: JSON.stringify(adverseEventReported(TRIAL, susar)) }]);
    const casePath = `/trials/${TRIAL}/cases/C-1-AE-1`;
    await waitFor('the SUSAR case', async () => ((await safety.getJson(casePath)).status === 200 ? true : undefined));
    const submission = { report: 'INITIAL', recipient: 'NMPA', reference: 'NMPA-SUSAR-0001', submittedAt: '2015-06-27T09:00:00+08:00' };
    expect((await safety.postJson(`${casePath}/report-submissions`, submission)).status).toBe(201);
    const expected = { ...susar, reportId: 'C-1-AE-1/1', expectedness: 'EXPECTED' as const };
    expect((await safety.postJson(`/trials/${TRIAL}/adverse-event-reports`, expected)).status).toBe(201);
    const { body: holds } = await safety.getJson(`/trials/${TRIAL}/dosing-holds?inPlace=true`);
    const lift = { reason: 'DSMB review done' };
    expect((await safety.postJson(`/trials/${TRIAL}/dosing-holds/${holds.items[0].holdId}/lift`, lift, {}, { role: 'dsmb', subject: 'DSMB chair' })).status).toBe(200);
  }

  afterAll(() => platform.cleanUp());

  it('serves, from every service, an OpenAPI document that @apidevtools/swagger-parser accepts', async () => {
    for (const service of [registry, ...downstream.map((d) => d.service)]) {
      const { status, body } = await service.getJson('/docs-json');
      expect(status).toBe(200);
      expect({ service: service.app, problems: await openApiProblems(body) }).toEqual({ service: service.app, problems: [] });
    }
  });

  it('puts every event type of the catalogue on the wire, each message valid by ajv against asyncapi.json', async () => {
    const catalogue = [...new Set(EVENT_CATALOGUE.map((c) => `${c.type}.v${c.version}`))].sort();
    // The relay publishes after commit: wait until the last of them is out, then read everything.
    const messages = await waitFor('every event type on the wire', async () => {
      const read = onTheWire(platform);
      const seen = new Set(read.map((m) => PublishedEvents.messageId(m.payload)));
      return catalogue.every((id) => seen.has(id)) ? read : undefined;
    });
    const seen = [...new Set(messages.map((m) => PublishedEvents.messageId(m.payload)))].sort();
    expect(seen).toEqual(catalogue);
    expect(messages.flatMap((m) => published.problems(m.payload, headersOf(m)))).toEqual([]);
  });
});
