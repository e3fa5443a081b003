import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOPICS } from '@trialstream/contracts';
import {
  accessTable, eligibleScreening, readmeAccessTable, SigningKey, TEST_TOKEN_OPTIONS, testToken, undeclaredOperations, waitFor, type AccessDocument, type ReceivedMessage,
} from '@trialstream/testing';
import { PlatformUnderTest, testPort } from './platform-under-test';
import { referenceProtocolDraft } from './reference-trial';
import { adverseEventReport } from './safety-reports';
import { operationsOf, type Caller, type ServiceProcess } from './service-process';

const TRIAL = 'NCT02491658';
const ROLES = ['sponsor-system', 'site', 'data-manager', 'safety-monitor', 'dsmb', 'operations'];
const README = join(__dirname, '../../../README.md');

/** A path of the template with ids that name nothing: allowed callers get 400 or 404, never a change. */
const concretePath = (template: string) =>
  template.replace('{trialId}', TRIAL).replace('{subjectId}', 'S-404').replace('{version}', '1').replace(/\{[^}]+\}/g, () => randomUUID());

describe('who may do what: bearer tokens, roles and sites on every endpoint', () => {
  const platform = new PlatformUnderTest();
  const { registry, probe } = platform;
  const [{ service: enrollment }, { service: infusion }, { service: safety }] = platform.downstream;
  const services: Record<string, ServiceProcess> = { registry, enrollment, 'infusion-tracking': infusion, safety };
  const documents: Record<string, AccessDocument> = {};
  let enrollmentEvents: ReceivedMessage[];

  beforeAll(async () => {
    await platform.startAll();
    enrollmentEvents = await probe.watch(platform.topic(TOPICS.enrollmentEvents));
    for (const [name, service] of Object.entries(services)) documents[name] = (await (await fetch(`${service.url}/docs-json`)).json()) as AccessDocument;
  });

  afterAll(() => platform.cleanUp());

  it('declares the roles of every endpoint, and the README table says what the services enforce', () => {
    for (const document of Object.values(documents)) expect(undeclaredOperations(document)).toEqual([]);
    expect(readmeAccessTable(readFileSync(README, 'utf8'))).toBe(accessTable(documents));
  });

  it.each(Object.keys(services))('%s: each endpoint answers 401 without a token, 403 to each role it refuses, and lets each role it allows past', async (name) => {
    const service = services[name];
    const problems: string[] = [];
    for (const operation of operationsOf(documents[name] as Parameters<typeof operationsOf>[0])) {
      const method = operation.method.toUpperCase();
      const path = concretePath(operation.template);
      const status = async (as: Caller) => {
        const response = await service.request(method, path, method === 'POST' ? '{}' : undefined, method === 'POST' ? { 'content-type': 'application/json' } : {}, as);
        // A stream (the live alerts) answers with its status and stays open: the answer is all this needs.
        await response.body?.cancel();
        return response.status;
      };
      const expect_ = async (as: Caller, what: (s: number) => boolean, expected: string) => {
        const got = await status(as);
        if (!what(got)) problems.push(`${method} ${operation.template} as ${as === 'anonymous' ? 'anonymous' : as.role}: ${got}, expected ${expected}`);
      };
      if (operation.roles.includes('anyone')) {
        await expect_('anonymous', (s) => s !== 401 && s !== 403, 'open');
        continue;
      }
      await expect_('anonymous', (s) => s === 401, '401');
      for (const role of ROLES) {
        const caller = role === 'site' ? { role, sites: ['BJ-01'] } : { role };
        if (!operation.roles.includes(role)) await expect_(caller, (s) => s === 403, '403');
        // A site's reach to a subject is shown below, with subjects of two sites.
        else if (role !== 'site' || operation.siteScope === 'trial-wide') await expect_(caller, (s) => s !== 401 && s !== 403 && s < 500, 'past the guard');
      }
    }
    expect(problems).toEqual([]);
  });

  it('refuses an expired, foreign, mis-addressed, tampered or unknown-key token with 401 saying why, and nothing else', async () => {
    const path = `/trials/${TRIAL}/subjects`;
    const [header, payload, signature] = (await testToken({ role: 'site', sites: ['BJ-01'] })).split('.');
    const promoted = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), role: 'data-manager' })).toString('base64url');
    const cases: [string, string][] = [
      [await testToken({ role: 'data-manager' }, { expiresIn: Math.floor(Date.now() / 1000) - 5 }), 'the token has expired'],
      [await testToken({ role: 'data-manager' }, { issuer: 'https://id.elsewhere.example' }), "the token's iss claim is not accepted"],
      [await testToken({ role: 'data-manager' }, { audience: 'another-api' }), "the token's aud claim is not accepted"],
      [`${header}.${promoted}.${signature}`, "the token's signature does not verify"],
      [await SigningKey.generate().sign({ subject: 'intruder', role: 'data-manager' }, TEST_TOKEN_OPTIONS), 'the token is signed with a key this service does not know'],
    ];
    for (const [token, message] of cases) {
      const response = await fetch(`${enrollment.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      expect({ status: response.status, body: await response.json() }).toEqual({ status: 401, body: { statusCode: 401, error: 'Unauthorized', message } });
    }
    const basic = await fetch(`${enrollment.url}${path}`, { headers: { authorization: 'Basic ZGF0YTptYW5hZ2Vy' } });
    expect({ status: basic.status, body: await basic.json() }).toEqual({ status: 401, body: { statusCode: 401, error: 'Unauthorized', message: 'a bearer token is required' } });
  });

  describe('a site token reaches its own subjects only', () => {
    const beijing = { role: 'site', sites: ['BJ-01'], subject: 'nurse.bj' };
    const shanghai = { role: 'site', sites: ['SH-02'], subject: 'nurse.sh' };
    const subjectPath = (subjectId: string) => `/trials/${TRIAL}/subjects/${subjectId}`;

    beforeAll(async () => {
      const protocol = referenceProtocolDraft();
      const secondSite = { siteId: 'SH-02', name: 'Shanghai site', timeZone: 'Asia/Shanghai' };
      const amendment = await registry.postJson(`/trials/${TRIAL}/protocol-versions`, { ...protocol, sites: [...protocol.sites, secondSite], amendmentReason: 'second site opens' });
      expect(amendment.status).toBe(201);
      for (const { service, part } of platform.downstream) {
        await waitFor(`${service.app} to take protocol version 2`, async () => ((await service.getJson(`/trials/${TRIAL}/${part}`)).body.protocolVersion === 2 ? true : undefined));
      }
      await registry.postJson(`/trials/${TRIAL}/status`, { status: 'RECRUITING', reason: 'recruitment opens' });
      await waitFor('enrollment to see the trial recruiting', async () => ((await enrollment.getJson(`/trials/${TRIAL}`)).body.overallStatus === 'RECRUITING' ? true : undefined));

      for (const [subjectId, site] of [['A-1', beijing], ['B-1', shanghai]] as const) {
        const screened = await enrollment.postJson(`/trials/${TRIAL}/screenings`, { ...eligibleScreening(subjectId), siteId: site.sites[0] }, {}, site);
        expect(screened.status).toBe(201);
        expect((await enrollment.postJson(`${subjectPath(subjectId)}/consent`, { consentVersion: '1.0', consentDate: '2015-05-30' }, {}, site)).status).toBe(200);
        expect((await enrollment.postJson(`${subjectPath(subjectId)}/enrollment`, { plannedFirstInfusionDate: '2015-06-08' }, {}, site)).status).toBe(200);
      }
    });

    it('in enrollment: screening at another site, its subjects and their lists are closed to it', async () => {
      const elsewhere = await enrollment.postJson(`/trials/${TRIAL}/screenings`, { ...eligibleScreening('A-2'), siteId: 'SH-02' }, {}, beijing);
      expect(elsewhere).toMatchObject({ status: 403, body: { message: "the subject is not at one of your token's sites" } });
      expect((await enrollment.getJson(subjectPath('A-2'))).status).toBe(404);

      // Screening another site's subject again, under one's own site, would move the subject: refused.
      expect((await enrollment.postJson(`/trials/${TRIAL}/screenings`, { ...eligibleScreening('B-2'), siteId: 'SH-02' }, {}, shanghai)).status).toBe(201);
      for (const subjectId of ['B-1', 'B-2']) {
        expect((await enrollment.postJson(`/trials/${TRIAL}/screenings`, { ...eligibleScreening(subjectId), siteId: 'BJ-01' }, {}, beijing)).status).toBe(403);
      }
      expect((await enrollment.getJson(subjectPath('B-2'))).body).toMatchObject({ siteId: 'SH-02' });

      expect((await enrollment.getJson(subjectPath('A-1'), beijing)).status).toBe(200);
      for (const subjectId of ['B-1', 'Z-9']) {
        // Another site's subject and one that does not exist look alike.
        expect(await enrollment.getJson(subjectPath(subjectId), beijing)).toEqual({ status: 403, body: { statusCode: 403, error: 'Forbidden', message: "the subject is not at one of your token's sites" } });
      }
      expect((await enrollment.postJson(`${subjectPath('B-1')}/withdrawal`, { withdrawnBy: 'SUBJECT', reason: 'x', withdrawalDate: '2015-06-20' }, {}, beijing)).status).toBe(403);
      const ids = async (as: Caller) => (await enrollment.getJson(`/trials/${TRIAL}/subjects`, as)).body.items.map((s: { subjectId: string }) => s.subjectId).sort();
      expect(await ids(beijing)).toEqual(['A-1']);
      expect(await ids({ role: 'site', sites: ['BJ-01', 'SH-02'] })).toEqual(['A-1', 'B-1', 'B-2']);
      expect(await ids({ role: 'data-manager' })).toEqual(['A-1', 'B-1', 'B-2']);
    });

    it('in infusion tracking and safety: another site\'s subject, reports and cases are closed to it', async () => {
      await waitFor('A-1 and B-1 planned in infusion tracking', async () =>
        (await infusion.getJson(`${subjectPath('B-1')}/visits`)).status === 200 && (await infusion.getJson(`${subjectPath('A-1')}/visits`)).status === 200 ? true : undefined,
      );
      expect((await infusion.getJson(`${subjectPath('A-1')}/visits`, beijing)).status).toBe(200);
      expect((await infusion.getJson(`${subjectPath('B-1')}/visits`, beijing)).status).toBe(403);
      expect((await infusion.postJson(`${subjectPath('B-1')}/assessments`, {}, {}, beijing)).status).toBe(403);

      const report = (subjectId: string, caseId: string, as: Caller) => safety.postJson(`/trials/${TRIAL}/adverse-event-reports`, adverseEventReport(subjectId, caseId), {}, as);
      await waitFor('safety to know A-1 and B-1', async () => ((await report('A-1', 'AE-A1', beijing)).status === 201 && (await report('B-1', 'AE-B1', shanghai)).status === 201 ? true : undefined));
      expect((await report('B-1', 'AE-B2', beijing)).status).toBe(403);
      const cases = await safety.getJson(`/trials/${TRIAL}/cases`, beijing);
      expect(cases.body.items.map((c: { caseId: string }) => c.caseId)).toEqual(['AE-A1']);
      expect((await safety.getJson(`/trials/${TRIAL}/cases/AE-B1`, beijing)).status).toBe(403);
      expect((await safety.getJson(`/trials/${TRIAL}/cases/AE-B1`, shanghai)).status).toBe(200);
      const icsr = (as: Caller) => safety.request('GET', `/trials/${TRIAL}/cases/AE-B1/e2b`, undefined, {}, as);
      expect((await icsr(beijing)).status).toBe(403);
      // Past the guard for its own site: the sample report has no MedDRA code, which E2B(R3) requires.
      expect((await icsr(shanghai)).status).toBe(422);
    });

    it("records the token's holder as the actor, in the record and in the event", async () => {
      const withdrawal = await enrollment.postJson(`${subjectPath('A-1')}/withdrawal`, { withdrawnBy: 'SUBJECT', reason: 'moved away', withdrawalDate: '2015-06-20' }, {}, beijing);
      expect(withdrawal.status).toBe(200);
      const event = await waitFor('SubjectWithdrawn of A-1', async () => enrollmentEvents.find((m) => m.headers['event-type'] === 'SubjectWithdrawn' && m.key === 'A-1'));
      const envelope = JSON.parse(event.value!);
      expect(envelope.actor).toEqual({ subject: 'nurse.bj', role: 'site' });
      expect(envelope.payload.recordedBy).toBe('nurse.bj');
      const screened = enrollmentEvents.find((m) => m.headers['event-type'] === 'SubjectScreened' && m.key === 'B-1');
      expect(JSON.parse(screened!.value!).actor).toEqual({ subject: 'nurse.sh', role: 'site' });
    });
  });

  it('lets only the DSMB resume a suspended trial', async () => {
    const change = (status: string, role: string) => registry.postJson(`/trials/${TRIAL}/status`, { status, reason: `to ${status}` }, {}, { role, subject: `a ${role}` });
    expect((await change('SUSPENDED', 'sponsor-system')).status).toBe(200);
    expect(await change('RECRUITING', 'sponsor-system')).toMatchObject({ status: 403, body: { message: 'only the dsmb role may move a SUSPENDED trial to RECRUITING' } });
    expect(await change('RECRUITING', 'dsmb')).toMatchObject({ status: 200, body: { from: 'SUSPENDED', to: 'RECRUITING', changedBy: 'a dsmb' } });
  });

  it('takes JSON bodies only, within their size and depth, with a clear 4xx', async () => {
    const post = (body: string, contentType = 'application/json') =>
      enrollment.request('POST', `/trials/${TRIAL}/screenings`, body, { 'content-type': contentType }).then(async (r) => ({ status: r.status, body: await r.json() }));
    expect(await post('subjectId=S-1', 'application/x-www-form-urlencoded')).toMatchObject({ status: 415, body: { message: 'request bodies are JSON: send them with content-type application/json' } });
    expect(await post('{"subjectId": "S-1",')).toMatchObject({ status: 400, body: { error: 'Bad Request' } });
    expect(await post(JSON.stringify({ note: 'x'.repeat(1_100_000) }))).toMatchObject({ status: 413 });
    const deep = Array.from({ length: 40 }).reduce<unknown>((inner) => ({ inner }), 'leaf');
    expect(await post(JSON.stringify(deep))).toMatchObject({ status: 400, body: { message: 'the request body nests objects or arrays deeper than 32 levels [maxDepth]' } });
  });

  it('opens the metrics and closes the API documents when configured so', async () => {
    const configured = platform.service('registry', testPort(5));
    try {
      await configured.start({ AUTH_PUBLIC_DOCS: 'false', AUTH_PUBLIC_METRICS: 'true' });
      expect((await fetch(`${configured.url}/metrics`)).status).toBe(200);
      expect((await fetch(`${configured.url}/docs-json`)).status).toBe(401);
      expect((await configured.request('GET', '/docs-json', undefined, {}, { role: 'site', sites: ['BJ-01'] })).status).toBe(200);
      expect((await fetch(`${registry.url}/metrics`)).status).toBe(401);
      expect((await fetch(`${registry.url}/docs-json`)).status).toBe(200);
    } finally {
      await configured.stop();
    }
  });

  it('never writes a token or a signing key into its logs', () => {
    for (const service of Object.values(services)) {
      expect(service.logs).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]+\./);
      expect(service.logs).not.toContain('Bearer ');
    }
  });
});
