import { collectTrialBundle, httpReader, type Bundle } from '@trialstream/exports';
import { eligibleScreening, errorsOf, hapiValidate, missingIcsrElements, testToken, waitFor } from '@trialstream/testing';
import { infusionReport } from './infusion-reports';
import { PlatformUnderTest } from './platform-under-test';
import { adverseEventReport, todayInBeijing } from './safety-reports';

const TRIAL = 'NCT02491658';

describe('exports end to end: the trial as FHIR R5 (validated by HAPI FHIR) and a case as an E2B(R3) ICSR', () => {
  const platform = new PlatformUnderTest();
  const { registry } = platform;
  const [{ service: enrollment }, { service: infusion }, { service: safety }] = platform.downstream;
  const nurse = { role: 'site', sites: ['BJ-01'], subject: 'site nurse' };
  let bundle: Bundle;

  beforeAll(async () => {
    await platform.startAll();
    await waitFor('the reference protocol in enrollment, infusion tracking and safety', async () =>
      (await Promise.all(platform.downstream.map(({ service, part }) => service.getJson(`/trials/${TRIAL}/${part}`)))).every((r) => r.status === 200) ? true : undefined,
    );
    await registry.postJson(`/trials/${TRIAL}/status`, { status: 'RECRUITING', reason: 'recruitment opens' });
    await waitFor('enrollment to see the trial recruiting', async () => ((await enrollment.getJson(`/trials/${TRIAL}`)).body.overallStatus === 'RECRUITING' ? true : undefined));

    expect((await enrollment.postJson(`/trials/${TRIAL}/screenings`, eligibleScreening('X-1'))).status).toBe(201);
    expect((await enrollment.postJson(`/trials/${TRIAL}/subjects/X-1/consent`, { consentVersion: '1.0', consentDate: '2015-05-30' })).status).toBe(200);
    expect((await enrollment.postJson(`/trials/${TRIAL}/subjects/X-1/enrollment`, { plannedFirstInfusionDate: todayInBeijing() })).status).toBe(200);
    await waitFor('the visits of X-1', async () => ((await infusion.getJson(`/trials/${TRIAL}/subjects/X-1/visits`)).body.length > 0 ? true : undefined));
    expect((await infusion.postJson(`/trials/${TRIAL}/subjects/X-1/infusions`, infusionReport(1, new Date().toISOString()), {}, nurse)).status).toBe(201);
    await waitFor('safety to know X-1 enrolled', async () => ((await platform.query('safety', 'SELECT 1 FROM known_subject WHERE subject_id = $1', ['X-1'])).length ? true : undefined));

    const serious = adverseEventReport('X-1', 'AE-X1', { term: 'Pyrexia', meddraCode: '10037660', ctcaeGrade: 3, seriousness: ['HOSPITALISATION'], expectedness: 'UNEXPECTED', narrative: 'Fever of 39.5 °C after the first infusion; admitted.' });
    expect((await safety.postJson(`/trials/${TRIAL}/adverse-event-reports`, serious)).status).toBe(201);
    expect((await safety.postJson(`/trials/${TRIAL}/adverse-event-reports`, adverseEventReport('X-1', 'AE-X2'))).status).toBe(201);

    const token = await testToken({ role: 'data-manager', subject: 'exports end to end' });
    bundle = await collectTrialBundle(httpReader({ registry: registry.url, enrollment: enrollment.url, 'infusion-tracking': infusion.url, safety: safety.url, token }), TRIAL);
  });

  afterAll(() => platform.cleanUp());

  it('collects the study, the subject on study and infused, and both cases from the services', () => {
    const of = (type: string) => bundle.entry.map((e) => e.resource).filter((r) => r.resourceType === type) as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(of('ResearchStudy')[0]).toMatchObject({ identifier: [{ value: TRIAL }, { value: '307-PV-MSC' }], recruitment: { targetNumber: 30, actualNumber: 1 } });
    expect(of('ResearchSubject')[0].progress.map((p: any) => (p.subjectState ?? p.milestone).coding[0].code)).toEqual(['Screened', 'eligible', 'SignedUp', 'on-study', 'on-study-intervention']); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(of('Patient')).toEqual([{ resourceType: 'Patient', identifier: [{ system: `urn:trialstream:${TRIAL}:subject`, value: 'X-1' }] }]);
    expect(of('AdverseEvent').map((e) => [e.identifier[0].value, e.seriousness.coding[0].code])).toEqual([
      ['AE-X1', 'serious'],
      ['AE-X2', 'non-serious'],
    ]);
  });

  // The validator loads the whole R5 definition set on start: a minute or two on a shared machine.
  it('HAPI FHIR finds no error in the Bundle', async () => {
    const [issues] = await hapiValidate([bundle]);
    expect(errorsOf(issues)).toEqual([]);
  }, 600_000);

  it("serves a case as an ICSR with the guide's minimum elements, and refuses one without a MedDRA code", async () => {
    const response = await safety.request('GET', `/trials/${TRIAL}/cases/AE-X1/e2b`, undefined, {});
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/xml');
    const xml = await response.text();
    expect(missingIcsrElements(xml)).toEqual([]);
    expect(xml).toContain('extension="NCT02491658"');
    expect(xml).toContain('<name>UC-MSCs</name>');

    const refused = await safety.request('GET', `/trials/${TRIAL}/cases/AE-X2/e2b`, undefined, {});
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('E.i.2.1b');
  });
});
