import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TOPICS } from '@trialstream/contracts';
import { POSTGRES_URL, queryDatabase, sampleEnvelope, waitFor } from '@trialstream/testing';
import { PlatformUnderTest } from './platform-under-test';
import { eligibleScreening } from './screenings';
import type { ServiceProcess } from './service-process';

const TRIAL = 'NCT02491658';
const WORKSPACE = join(__dirname, '../../..');
const APPS = ['registry', 'enrollment', 'infusion-tracking', 'safety'];

interface AuditRecord {
  sequence: number;
  actor: { subject: string; role: string } | null;
  entity: string;
  entityId: string;
  action: string;
  subjectId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  reason: string | null;
}

describe('the audit trail end to end: every service records its changes in a chain that verifies, and a direct edit is found', () => {
  const platform = new PlatformUnderTest();
  const { registry, probe } = platform;
  const [{ service: enrollment }, { service: infusion }, { service: safety }] = platform.downstream;

  const trailOf = async (service: ServiceProcess, path: string): Promise<AuditRecord[]> => {
    const { status, body } = await service.getJson(`/trials/${TRIAL}${path}/audit-trail?limit=200`);
    expect(status).toBe(200);
    return body.items;
  };
  /** `npm run audit:verify` against this run's databases. */
  const verifyCommand = (apps = APPS) =>
    promisify(execFile)('npx', ['ts-node', '--transpile-only', '-P', 'tsconfig.base.json', 'tools/verify-audit.ts', ...apps.map((app) => `${app}=${POSTGRES_URL}/${platform.databaseOf(app)}`)], { cwd: WORKSPACE })
      .then(({ stdout }) => ({ code: 0, stdout }))
      .catch((error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }));

  const manager = { role: 'sponsor-system', subject: 'sponsor trial manager' };
  const nurse = { role: 'site', sites: ['BJ-01'], subject: 'nurse.bj' };

  beforeAll(async () => {
    await platform.startAll();
    await waitFor('the reference protocol in enrollment', async () => ((await enrollment.getJson(`/trials/${TRIAL}/enrollment-policy`)).status === 200 ? true : undefined));
    // A scripted session: recruitment opens; one subject is screened, consents and is enrolled over
    // HTTP, another is screened from the sponsor's ingress topic.
    await registry.postJson(`/trials/${TRIAL}/status`, { status: 'RECRUITING', reason: 'recruitment opens' }, {}, manager);
    await waitFor('enrollment to see the trial recruiting', async () => ((await enrollment.getJson(`/trials/${TRIAL}`)).body.overallStatus === 'RECRUITING' ? true : undefined));
    expect((await enrollment.postJson(`/trials/${TRIAL}/screenings`, eligibleScreening('S-001'), {}, nurse)).status).toBe(201);
    expect((await enrollment.postJson(`/trials/${TRIAL}/subjects/S-001/consent`, { consentVersion: '1.0', consentDate: '2015-05-30' }, {}, nurse)).status).toBe(200);
    expect((await enrollment.postJson(`/trials/${TRIAL}/subjects/S-001/enrollment`, { plannedFirstInfusionDate: '2015-06-08' }, {}, nurse)).status).toBe(200);
    const screening = sampleEnvelope(eligibleScreening('S-002'), { type: 'ScreeningSubmitted', trialId: TRIAL, subjectId: 'S-002', producer: 'sponsor-edc' });
    await probe.produce(platform.topic(TOPICS.sponsorIngress), [{ key: 'S-002', value: JSON.stringify(screening) }]);
    await waitFor('S-002 screened', async () => ((await enrollment.getJson(`/trials/${TRIAL}/subjects/S-002`)).status === 200 ? true : undefined));
    await waitFor('S-001 planned in infusion tracking', async () => ((await trailOf(infusion, '/subjects/S-001')).length > 0 ? true : undefined));
    await waitFor('S-001 known to safety', async () => ((await trailOf(safety, '/subjects/S-001')).length > 0 ? true : undefined));
  });

  afterAll(() => platform.cleanUp());

  it("records a status change in the registry, with the reason the person gave", async () => {
    const trail = await trailOf(registry, '');
    const statusChange = trail.find((r) => r.entity === 'trial' && r.action === 'status-changed');
    expect(statusChange).toMatchObject({ entityId: TRIAL, before: { overall_status: 'UNKNOWN' }, after: { overall_status: 'RECRUITING' } });
    expect(trail.find((r) => r.entity === 'trial_status_change')).toMatchObject({ action: 'created', reason: 'recruitment opens' });
    // Who is the token's holder, with the role the token gave them.
    expect(statusChange?.actor).toEqual({ subject: 'sponsor trial manager', role: 'sponsor-system' });
    // The reference trial was registered by the registry itself at its first start.
    expect(trail.find((r) => r.entity === 'trial' && r.action === 'created')?.actor).toEqual({ subject: 'registry', role: 'service' });
  });

  it("records a subject's screening, consent and enrollment in enrollment, each with the row before and after", async () => {
    const trail = await trailOf(enrollment, '/subjects/S-001');
    expect(trail.map((r) => [r.entity, r.action])).toEqual([
      ['subject', 'screened'],
      ['subject', 'consented'],
      ['subject', 'enrolled'],
    ]);
    const [screened, consented, enrolled] = trail;
    expect(screened).toMatchObject({ entityId: `${TRIAL}/S-001`, subjectId: 'S-001', before: null, after: { status: 'SCREENED', eligible: true } });
    expect(consented).toMatchObject({ before: { consent_version: null }, after: { consent_version: '1.0', consent_date: '2015-05-30' } });
    expect(enrolled).toMatchObject({ before: { status: 'SCREENED' }, after: { status: 'ENROLLED', enrollment_number: 1 } });
    for (const record of trail) expect(record.actor).toEqual({ subject: 'nurse.bj', role: 'site' });
    expect(screened.sequence < consented.sequence && consented.sequence < enrolled.sequence).toBe(true);
    const paged = await enrollment.getJson(`/trials/${TRIAL}/subjects/S-001/audit-trail?limit=2&offset=1`);
    expect(paged.body).toMatchObject({ total: 3, limit: 2, offset: 1, items: [{ action: 'consented' }, { action: 'enrolled' }] });
  });

  it('names the producing service as the actor of what a consumed event changed', async () => {
    const [ingressScreening] = await trailOf(enrollment, '/subjects/S-002');
    expect(ingressScreening).toMatchObject({ action: 'screened', actor: { subject: 'sponsor-edc', role: 'service' } });
    const mirrored = (await trailOf(enrollment, '')).find((r) => r.entity === 'known_trial' && r.action === 'status-changed');
    expect(mirrored).toMatchObject({ actor: { subject: 'registry', role: 'service' }, after: { overall_status: 'RECRUITING' } });
    const visits = (await trailOf(infusion, '/subjects/S-001')).filter((r) => r.entity === 'subject_visit');
    expect(visits.length).toBeGreaterThan(0);
    for (const visit of visits) expect(visit).toMatchObject({ action: 'planned', actor: { subject: 'enrollment', role: 'service' } });
    expect((await trailOf(safety, '/subjects/S-001')).find((r) => r.entity === 'known_subject')).toMatchObject({ actor: { subject: 'enrollment', role: 'service' } });
  });

  it("records an operator's command, who gave it and how it ended", async () => {
    const operator = { role: 'operations', subject: 'ops.on-call' };
    expect((await registry.postJson('/operations/dead-letters/replay?kind=HANDLER_FAILED', {}, {}, operator)).status).toBe(200);
    const records = await platform.query<{ action: string; actor_subject: string; actor_role: string; after: { command: string; parameters: object; outcome: object | null } }>(
      'registry',
      `SELECT action, actor_subject, actor_role, after FROM audit_record WHERE entity = 'operator_command' ORDER BY sequence`,
    );
    expect(records.map((r) => [r.action, r.actor_subject, r.actor_role, r.after.command, r.after.parameters])).toEqual([
      ['created', 'ops.on-call', 'operations', 'dead-letter-replay', { kind: 'HANDLER_FAILED' }],
      ['finished', 'ops.on-call', 'operations', 'dead-letter-replay', { kind: 'HANDLER_FAILED' }],
    ]);
    expect(records[1].after.outcome).toMatchObject({ succeeded: expect.any(Object) });
  });

  it('runs each service as its runtime role, and documents the trails for data managers and safety monitors', async () => {
    for (const app of APPS) {
      const users = await platform.query(app, 'SELECT DISTINCT usename AS user FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
      expect(users).toEqual([{ user: `trialstream_${app.replace(/-/g, '_')}_runtime` }]);
    }
    const { body } = await safety.getJson('/docs-json');
    expect(body.paths['/trials/{trialId}/subjects/{subjectId}/audit-trail'].get['x-allowed-roles']).toEqual(['data-manager', 'safety-monitor']);
  });

  it('verifies every chain, then names the record an UPDATE changed behind the trigger', async () => {
    const intact = await verifyCommand();
    expect(intact.code).toBe(0);
    for (const app of APPS) expect(intact.stdout).toMatch(new RegExp(`^${app}: \\d+ records, intact, last hash [0-9a-f]{64}$`, 'm'));

    const consented = (await trailOf(enrollment, '/subjects/S-001')).find((r) => r.action === 'consented')!;
    await queryDatabase(
      platform.databaseOf('enrollment'),
      `BEGIN;
       ALTER TABLE audit_record DISABLE TRIGGER audit_record_append_only;
       UPDATE audit_record SET after = replace(after::text, '"consent_date":"2015-05-30"', '"consent_date":"2015-05-01"')::json WHERE sequence = ${consented.sequence};
       ALTER TABLE audit_record ENABLE TRIGGER audit_record_append_only;
       COMMIT`,
    );
    const broken = await verifyCommand(['enrollment', 'registry']);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(new RegExp(`^enrollment: \\d+ records, BROKEN at record ${consented.sequence}: hash mismatch`, 'm'));
    expect(broken.stdout).toMatch(/^registry: \d+ records, intact, last hash [0-9a-f]{64}$/m);
  });
});
