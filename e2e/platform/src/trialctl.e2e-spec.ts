import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deadLetterTopic, TOPICS } from '@trialstream/contracts';
import { kafkaBrokers, SigningKey, TEST_TOKEN_OPTIONS, testSigningKey, waitFor, type ReceivedMessage } from '@trialstream/testing';
import { PlatformUnderTest } from './platform-under-test';
import { eligibleScreening, screeningEvent } from './screenings';
import { runTrialctl, type TrialctlRun } from './trialctl-process';

const TRIAL = 'NCT02491658';

/**
 * trialctl as operators and scripts run it: the built CLI as a child process, against the services
 * under test and the broker. Its tokens are signed with a local key made the way `npm run up` makes
 * one; the services trust that key next to the tests' own.
 */
describe('trialctl end to end', () => {
  const runDir = mkdtempSync(join(tmpdir(), 'trialctl-e2e-'));
  const localKey = SigningKey.inDirectory(join(runDir, 'auth'));
  const jwksFile = join(runDir, 'trusted-jwks.json');
  writeFileSync(jwksFile, JSON.stringify({ keys: [...testSigningKey.jwks().keys, ...localKey.jwks().keys] }));
  const platform = new PlatformUnderTest(kafkaBrokers(), { AUTH_JWKS_FILE: jwksFile });
  const { registry, probe } = platform;
  const [{ service: enrollment }, { service: infusion }, { service: safety }] = platform.downstream;
  let ingress: ReceivedMessage[];
  let enrollmentEvents: ReceivedMessage[];
  let deadLetters: ReceivedMessage[];

  const env = () => ({
    KAFKA_BROKERS: kafkaBrokers().join(','),
    KAFKA_TOPIC_PREFIX: platform.prefix,
    TRIALSTREAM_RUN: runDir,
    AUTH_ISSUER: TEST_TOKEN_OPTIONS.issuer,
    AUTH_AUDIENCE: TEST_TOKEN_OPTIONS.audience,
    TRIALSTREAM_REGISTRY_URL: registry.url,
    TRIALSTREAM_ENROLLMENT_URL: enrollment.url,
    TRIALSTREAM_INFUSION_TRACKING_URL: infusion.url,
    TRIALSTREAM_SAFETY_URL: safety.url,
  });

  const trialctl = (args: string[], options: { stdin?: string; env?: Record<string, string> } = {}): Promise<TrialctlRun> =>
    runTrialctl(args, { ...env(), ...options.env }, options.stdin);

  const token = async (...args: string[]) => {
    const run = await trialctl(['token', ...args]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    return run.stdout.trim();
  };

  const subjectEvents = (messages: ReceivedMessage[], type: string, subjectId: string) =>
    messages.filter((m) => m.headers['event-type'] === type && m.key === subjectId);

  beforeAll(async () => {
    await platform.startAll();
    ingress = await probe.watch(platform.topic(TOPICS.sponsorIngress));
    enrollmentEvents = await probe.watch(platform.topic(TOPICS.enrollmentEvents));
    deadLetters = await probe.watch(platform.topic(deadLetterTopic('enrollment')));
    await waitFor('the reference protocol in enrollment', async () => ((await enrollment.getJson(`/trials/${TRIAL}/enrollment-policy`)).status === 200 ? true : undefined));
    await registry.postJson(`/trials/${TRIAL}/status`, { status: 'RECRUITING', reason: 'recruitment opens' });
    await waitFor('enrollment to see the trial recruiting', async () => ((await enrollment.getJson(`/trials/${TRIAL}`)).body.overallStatus === 'RECRUITING' ? true : undefined));
  });

  afterAll(async () => {
    await platform.cleanUp();
    rmSync(runDir, { recursive: true, force: true });
  });

  it('signs a token a service accepts; a role the route refuses is exit 5, a service out of reach exit 4', async () => {
    const dataManager = await token('--role', 'data-manager', '--subject', 'dm-1');
    const response = await fetch(`${enrollment.url}/trials/${TRIAL}/subjects`, { headers: { authorization: `Bearer ${dataManager}` } });
    expect(response.status).toBe(200);

    const refused = await trialctl(['dead-letters', 'list', '--service', 'enrollment', '--token', dataManager]);
    expect(refused).toMatchObject({ code: 5, stderr: 'trialctl: enrollment refused GET /operations/dead-letters?limit=200&offset=0: 403 the data-manager role may not do this\n' });
    const unreachable = await trialctl(['timeline', '--trial', TRIAL, '--subject', 'S-301', '--token', dataManager, '--enrollment-url', 'http://127.0.0.1:9']);
    expect(unreachable.code).toBe(4);
    expect(unreachable.stderr).toContain('enrollment is unreachable at http://127.0.0.1:9');
    expect(await trialctl(['token', '--role', 'site'])).toMatchObject({ code: 2, stderr: 'trialctl: --role site needs at least one --site\n' });
  });

  it('publishes a valid screening to the ingress topic, and the subject comes out screened', async () => {
    const event = screeningEvent(eligibleScreening('S-301'));
    const file = join(runDir, 'screening.json');
    writeFileSync(file, JSON.stringify(event));
    const run = await trialctl(['publish', file]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe(`published ScreeningSubmitted v1 ${event.eventId} to ${platform.topic(TOPICS.sponsorIngress)} key=S-301\n`);
    const [screened] = await waitFor('S-301 screened', async () => {
      const found = subjectEvents(enrollmentEvents, 'SubjectScreened', 'S-301');
      return found.length ? found : undefined;
    });
    expect(JSON.parse(screened.value!)).toMatchObject({ correlationId: event.correlationId, payload: { eligible: true } });
    const [sent] = subjectEvents(ingress, 'ScreeningSubmitted', 'S-301');
    expect(sent.headers).toEqual({ 'content-type': 'application/json', 'event-id': event.eventId, 'event-type': 'ScreeningSubmitted', 'event-version': '1', 'correlation-id': event.correlationId });
  });

  it('sends nothing when one event of a batch breaks its contract, naming the field and rule (exit 3)', async () => {
    const batch = [screeningEvent(eligibleScreening('S-302')), screeningEvent({ ...eligibleScreening('S-303'), baselinePasi: 80 })];
    const run = await trialctl(['publish', '-'], { stdin: batch.map((e) => JSON.stringify(e)).join('\n') });
    expect(run).toMatchObject({ code: 3, stdout: '' });
    expect(run.stderr).toBe('trialctl: nothing sent: event 2: ScreeningSubmitted v1: payload.baselinePasi: baselinePasi must not be greater than 72 [max]\n');

    // A valid event sent after it arrives; the refused batch never did.
    expect((await trialctl(['publish'], { stdin: JSON.stringify(screeningEvent(eligibleScreening('S-304'))) })).code).toBe(0);
    await waitFor('S-304 on the ingress topic', async () => (subjectEvents(ingress, 'ScreeningSubmitted', 'S-304').length ? true : undefined));
    expect(ingress.filter((m) => m.key === 'S-302' || m.key === 'S-303')).toEqual([]);
  });

  it('tails a topic by its short name as readable lines, or raw as JSON', async () => {
    await waitFor('S-304 screened', async () => (subjectEvents(enrollmentEvents, 'SubjectScreened', 'S-304').length ? true : undefined));
    const run = await trialctl(['tail', 'enrollment.events', '--from-beginning', '--max-messages', '2']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const lines = run.stdout.trim().split('\n').sort();
    expect(lines).toHaveLength(2);
    // The payload's fields in the order the service wrote them (the outbox keeps the JSON text as written).
    expect(lines[0]).toMatch(/^\S+Z {2}SubjectScreened v1 {2}key=S-301 {2}subject=S-301 {2}siteId=BJ-01 protocolVersion=1 eligible=true ruleResults=\[14\]$/);
    expect(lines[1]).toContain('SubjectScreened v1  key=S-304  subject=S-304');

    const raw = await trialctl(['tail', platform.topic(TOPICS.sponsorIngress).slice(platform.prefix.length), '--from-beginning', '--max-messages', '1', '--json']);
    expect(JSON.parse(raw.stdout)).toMatchObject({ topic: platform.topic(TOPICS.sponsorIngress), headers: { 'event-type': 'ScreeningSubmitted' } });
  });

  it("shows a screened and enrolled subject's timeline across the services, in time order", async () => {
    await enrollment.postJson(`/trials/${TRIAL}/subjects/S-301/consent`, { consentVersion: '1.0', consentDate: '2015-05-30' });
    expect((await enrollment.postJson(`/trials/${TRIAL}/subjects/S-301/enrollment`, { plannedFirstInfusionDate: '2015-06-08' })).status).toBe(200);
    const dataManager = await token('--role', 'data-manager');
    await waitFor('infusion tracking to know S-301', async () => ((await infusion.getJson(`/trials/${TRIAL}/subjects/S-301/assessments`)).status === 200 ? true : undefined));

    const run = await trialctl(['timeline', '--trial', TRIAL, '--subject', 'S-301'], { env: { TRIALSTREAM_TOKEN: dataManager } });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const lines = run.stdout.trim().split('\n');
    const at = (text: string) => lines.findIndex((l) => l.includes(text));
    expect(lines[at('consented (form 1.0)')]).toMatch(/^2015-05-30 +enrollment +consented \(form 1\.0\)$/);
    expect(at('consented')).toBeLessThan(at('baseline: PASI 14.2, DLQI 12'));
    expect(at('baseline: PASI 14.2, DLQI 12')).toBeLessThan(at('screened: eligible'));
    expect(at('screened: eligible')).toBeLessThan(at('enrolled as #1, first infusion planned 2015-06-08'));

    const json = await trialctl(['timeline', '--trial', TRIAL, '--subject', 'S-301', '--json', '--token', dataManager]);
    expect(JSON.parse(json.stdout)).toContainEqual({ at: '2015-05-30', service: 'enrollment', what: 'consented (form 1.0)' });
    const unknown = await trialctl(['timeline', '--trial', TRIAL, '--subject', 'S-399', '--token', dataManager]);
    expect(unknown).toMatchObject({ code: 5, stderr: expect.stringContaining('404 subject S-399 of trial NCT02491658') });
  });

  it("exports the trial as a FHIR R5 Bundle to a file; a case it does not know is exit 5", async () => {
    await waitFor('S-301 enrolled', async () => ((await enrollment.getJson(`/trials/${TRIAL}/subjects/S-301`)).body.status === 'ENROLLED' ? true : undefined));
    const dataManager = await token('--role', 'data-manager');
    const out = join(runDir, 'trial.fhir.json');
    expect(await trialctl(['export', 'fhir', '--trial', TRIAL, '--out', out, '--token', dataManager])).toMatchObject({ code: 0, stderr: '' });
    const bundle = JSON.parse(readFileSync(out, 'utf8'));
    const resources = bundle.entry.map((e: { resource: { resourceType: string; identifier?: { value: string }[] } }) => e.resource);
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
    expect(resources.find((r: { resourceType: string }) => r.resourceType === 'ResearchStudy').identifier[0].value).toBe(TRIAL);
    expect(resources.filter((r: { resourceType: string }) => r.resourceType === 'Patient').map((p: { identifier: { value: string }[] }) => p.identifier[0].value)).toContain('S-301');

    const e2b = await trialctl(['export', 'e2b', '--trial', TRIAL, '--case', 'AE-NONE', '--token', dataManager]);
    expect(e2b).toMatchObject({ code: 5, stderr: expect.stringContaining('404') });
  });

  it('lists a dead letter with the operations role and replays it', async () => {
    await probe.produce(platform.topic(TOPICS.sponsorIngress), [{ key: 'S-900', value: JSON.stringify(screeningEvent({ ...eligibleScreening('S-900'), baselinePasi: 80 })) }]);
    await waitFor('S-900 dead-lettered', async () => (deadLetters.some((m) => m.key === 'S-900') ? true : undefined));
    const operations = await token('--role', 'operations');

    const list = await trialctl(['dead-letters', 'list', '--service', 'enrollment', '--token', operations]);
    expect(list).toMatchObject({ code: 0, stderr: '' });
    expect(list.stdout).toMatch(/ 0:0 {2}INVALID_PAYLOAD {2}- {2}key=S-900 {2}from \S+ingress\.sponsor\.v1 {2}payload\.baselinePasi: baselinePasi must not be greater than 72 \[max\]\n1 dead letter\n$/);

    const replay = await trialctl(['dead-letters', 'replay', '--service', 'enrollment', '--kind', 'INVALID_PAYLOAD', '--token', operations]);
    expect(replay).toMatchObject({ code: 0, stdout: `replayed 1 (1 to ${platform.topic(TOPICS.sponsorIngress)}), left 0 alone\n` });
    // Replayed, it is handled again and, still invalid, dead-lettered again.
    await waitFor('S-900 dead-lettered again', async () => (deadLetters.filter((m) => m.key === 'S-900').length === 2 ? true : undefined));
  });
});
