import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eligibleScreening, POSTGRES_URL, waitFor } from '@trialstream/testing';
import { Client } from 'pg';
import { PlatformUnderTest, testPort } from './platform-under-test';
import { adverseEventReport } from './safety-reports';

const TRIAL = 'NCT02491658';
const TIMEOUT_MS = 1000;
const GIVE_UP_AFTER_MS = 8000;
const DELIVERY_ENV = {
  // Longer than any test waits: an alert is attempted once its transaction commits, a retry when it falls due.
  ALERT_DELIVERY_POLL_INTERVAL_MS: '600000',
  ALERT_DELIVERY_TIMEOUT_MS: String(TIMEOUT_MS),
  ALERT_DELIVERY_BACKOFF_MS: '200',
  ALERT_DELIVERY_MAX_BACKOFF_MS: '1000',
  ALERT_DELIVERY_GIVE_UP_AFTER_MS: String(GIVE_UP_AFTER_MS),
  // The receiver is on this machine.
  ALERT_DELIVERY_ALLOW_PRIVATE_ADDRESSES: 'true',
};

interface Received {
  path: string;
  idempotencyKey: string;
  signatureValid: boolean;
  body: string;
}

/** Verifies Trialstream-Signature the way a receiver's own code would: HMAC-SHA256 of "<t>.<body>". */
function signatureValid(header: string | undefined, body: string, secret: string): boolean {
  const { t, v1 } = Object.fromEntries((header ?? '').split(',').map((part) => part.split('=') as [string, string]));
  if (!t || !v1) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  const given = Buffer.from(v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected) && Math.abs(Date.now() / 1000 - Number(t)) < 300;
}

/**
 * A monitor's system on this machine: it takes each alert once by Idempotency-Key, however often
 * it is sent. Per path it answers as the test makes it: `/flaky` answers 500 to an alert's first
 * request, takes the second but answers only after the platform gave up waiting, and answers 200
 * after that; `/down` answers 503 until it is told it is back.
 */
class Receiver {
  readonly requests: Received[] = [];
  /** Alerts taken, by Idempotency-Key: what the receiver's users see. */
  readonly taken = new Map<string, { path: string; body: string }>();
  readonly secrets: Record<string, string> = {};
  downIsBack = false;
  private server?: Server;

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  url(path: string): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}${path}`;
  }

  stop(): Promise<void> {
    this.server?.closeAllConnections();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  of(path: string, alertId?: string): Received[] {
    return this.requests.filter((r) => r.path === path && (!alertId || r.idempotencyKey === alertId));
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const path = req.url ?? '';
    const idempotencyKey = String(req.headers['idempotency-key']);
    const received = { path, idempotencyKey, body, signatureValid: signatureValid(req.headers['trialstream-signature'] as string, body, this.secrets[path] ?? '') };
    this.requests.push(received);
    const nth = this.of(path, idempotencyKey).length;
    const take = () => {
      if (!this.taken.has(idempotencyKey)) this.taken.set(idempotencyKey, { path, body });
    };
    if (path === '/flaky' && nth === 1) return res.writeHead(500).end('busy');
    if (path === '/flaky' && nth === 2) {
      take();
      // Taken, but the answer comes after the platform stopped waiting: it will send the alert again.
      return setTimeout(() => res.writeHead(200).end('ok, late'), TIMEOUT_MS * 2).unref();
    }
    if (path === '/down' && !this.downIsBack) return res.writeHead(503).end('down for maintenance');
    take();
    res.writeHead(200).end('ok');
  }
}

describe('alerts for systems that do not speak Kafka: signed webhook deliveries', () => {
  const platform = new PlatformUnderTest();
  const { registry } = platform;
  const [{ service: enrollment }, { service: infusion }, { service: safety }] = platform.downstream;
  const receiver = new Receiver();
  const secondSafety = platform.service('safety', testPort(5));
  const monitor = { role: 'safety-monitor', subject: 'Dr Wang, safety monitor' };
  const operations = { role: 'operations', subject: 'on-call engineer' };
  const subscriptionIds: Record<string, string> = {};

  const subscribe = async (path: string, filter: { trialId?: string; minimumSeverity?: string }) => {
    const created = await safety.postJson('/alert-subscriptions', { url: receiver.url(path), description: `receiver ${path}`, ...filter }, {}, monitor);
    expect(created).toMatchObject({ status: 201, body: { subscriptionId: expect.any(String), secret: expect.stringMatching(/^[0-9a-f]{64}$/), createdBy: monitor.subject } });
    receiver.secrets[path] = created.body.secret;
    subscriptionIds[path] = created.body.subscriptionId;
  };
  const deliveriesOf = async (path: string, status?: string) =>
    (await safety.getJson(`/alert-deliveries?subscriptionId=${subscriptionIds[path]}${status ? `&status=${status}` : ''}`, operations)).body;
  const alertsOfCase = async (caseId: string, count: number) =>
    waitFor(`${count} alert(s) of ${caseId}`, async () => {
      const { body } = await safety.getJson(`/trials/${TRIAL}/alerts?caseId=${caseId}`);
      return body.total === count ? (body.items as { alertId: string; kind: string; severity: string }[]) : undefined;
    });

  beforeAll(async () => {
    await receiver.start();
    await Promise.all([
      enrollment.start(),
      infusion.start(),
      safety.start(DELIVERY_ENV),
    ]);
    await registry.start();
    await waitFor('the reference protocol in enrollment and safety', async () =>
      (await enrollment.getJson(`/trials/${TRIAL}/enrollment-policy`)).status === 200 && (await safety.getJson(`/trials/${TRIAL}/safety-policy`)).status === 200 ? true : undefined,
    );
    await registry.postJson(`/trials/${TRIAL}/status`, { status: 'RECRUITING', reason: 'recruitment opens' });
    await waitFor('enrollment to see the trial recruiting', async () => ((await enrollment.getJson(`/trials/${TRIAL}`)).body.overallStatus === 'RECRUITING' ? true : undefined));
    for (const subjectId of ['W-1', 'W-2']) {
      expect((await enrollment.postJson(`/trials/${TRIAL}/screenings`, eligibleScreening(subjectId))).status).toBe(201);
      expect((await enrollment.postJson(`/trials/${TRIAL}/subjects/${subjectId}/consent`, { consentVersion: '1.0', consentDate: '2015-05-30' })).status).toBe(200);
      expect((await enrollment.postJson(`/trials/${TRIAL}/subjects/${subjectId}/enrollment`, { plannedFirstInfusionDate: '2015-06-08' })).status).toBe(200);
    }
    await waitFor('safety to know W-1 and W-2', async () => ((await platform.query('safety', 'SELECT 1 FROM known_subject')).length === 2 ? true : undefined));
  });

  afterAll(async () => {
    await secondSafety.stop('SIGKILL');
    await receiver.stop();
    await platform.cleanUp();
  });

  it('refuses an endpoint that is neither https nor on this machine, and a severity the domain does not have', async () => {
    const refused = await safety.postJson('/alert-subscriptions', { url: 'http://pv.example.org/alerts', description: 'plain http elsewhere' }, {}, monitor);
    expect(refused).toMatchObject({ status: 400, body: { violations: [{ field: 'url', rule: 'deliverableUrl' }] } });
    expect((await safety.postJson('/alert-subscriptions', { url: 'https://pv.example.org/alerts', description: 'x', minimumSeverity: 'LOW' }, {}, monitor)).status).toBe(400);
  });

  it('delivers a HIGH alert, signed, through a 500 and a time-out to an endpoint that takes it once; filtered alerts go nowhere', async () => {
    await subscribe('/flaky', { trialId: TRIAL, minimumSeverity: 'HIGH' });
    await subscribe('/other-trial', { trialId: 'NCT00000000' });
    const listed = (await safety.getJson('/alert-subscriptions', monitor)).body;
    expect(listed.total).toBe(2);
    expect(JSON.stringify(listed)).not.toContain('secret');

    const serious = adverseEventReport('W-1', 'AE-W1', { ctcaeGrade: 3, seriousness: ['HOSPITALISATION'], term: 'Pneumonia' });
    expect((await safety.postJson(`/trials/${TRIAL}/adverse-event-reports`, serious)).status).toBe(201);
    const alerts = await alertsOfCase('AE-W1', 2);
    const high = alerts.find((a) => a.severity === 'HIGH')!;
    const medium = alerts.find((a) => a.severity === 'MEDIUM')!;
    expect([high.kind, medium.kind]).toEqual(['SERIOUS_EVENT', 'SEVERE_EVENT']);

    const [delivered] = await waitFor('the HIGH alert delivered', async () => {
      const { items } = await deliveriesOf('/flaky', 'DELIVERED');
      return items.length ? items : undefined;
    });
    expect(delivered).toMatchObject({ alertId: high.alertId, trialId: TRIAL, attempts: 3, lastError: `no answer within ${TIMEOUT_MS} ms` });
    // 500, the answer that came too late, and the one after: three requests, all signed, one alert taken.
    const requests = receiver.of('/flaky');
    expect(requests.map((r) => r.idempotencyKey)).toEqual([high.alertId, high.alertId, high.alertId]);
    expect(requests.every((r) => r.signatureValid)).toBe(true);
    expect([...receiver.taken.keys()]).toEqual([high.alertId]);
    const envelope = JSON.parse(receiver.taken.get(high.alertId)!.body);
    expect(envelope).toMatchObject({ type: 'SafetyAlertRaised', version: 1, trialId: TRIAL, producer: 'safety', payload: { alertId: high.alertId, kind: 'SERIOUS_EVENT', severity: 'HIGH', caseId: 'AE-W1' } });

    // The MEDIUM alert is below the subscription's severity, and no alert is of the other trial.
    expect((await deliveriesOf('/flaky')).total).toBe(1);
    expect((await deliveriesOf('/other-trial')).total).toBe(0);
    expect(receiver.of('/other-trial')).toEqual([]);
  });

  it('dead-letters a delivery to an endpoint that stays down, shows it, and delivers it once on replay after it recovers', async () => {
    await subscribe('/down', { trialId: TRIAL });
    const severe = adverseEventReport('W-2', 'AE-W2', { ctcaeGrade: 3, term: 'Neutropenia' });
    expect((await safety.postJson(`/trials/${TRIAL}/adverse-event-reports`, severe)).status).toBe(201);
    const [alert] = await alertsOfCase('AE-W2', 1);
    expect(alert.severity).toBe('MEDIUM');

    const [dead] = await waitFor(
      'the delivery dead-lettered',
      async () => {
        const { items } = await deliveriesOf('/down', 'DEAD_LETTERED');
        return items.length ? items : undefined;
      },
      GIVE_UP_AFTER_MS * 4,
    );
    expect(dead).toMatchObject({ alertId: alert.alertId, lastError: 'the endpoint answered 503', deadLetteredAt: expect.any(String) });
    expect(dead.attempts).toBeGreaterThan(2);
    expect(new Date(dead.lastAttemptAt).getTime() - new Date(dead.pendingSince).getTime()).toBeGreaterThanOrEqual(GIVE_UP_AFTER_MS);
    expect(receiver.taken.has(alert.alertId)).toBe(false);
    // A monitor sees it too; the MEDIUM alert did not go to the HIGH-only subscription.
    expect((await safety.getJson(`/alert-deliveries?status=DEAD_LETTERED`, monitor)).body).toMatchObject({ total: 1, items: [{ deliveryId: dead.deliveryId }] });
    expect((await deliveriesOf('/flaky')).total).toBe(1);

    receiver.downIsBack = true;
    const replayed = await safety.postJson(`/alert-deliveries/${dead.deliveryId}/replay`, {}, {}, operations);
    expect(replayed).toMatchObject({ status: 200, body: { deliveryId: dead.deliveryId, status: 'PENDING', attempts: 0 } });
    const [delivered] = await waitFor('the replayed delivery delivered', async () => {
      const { items } = await deliveriesOf('/down', 'DELIVERED');
      return items.length ? items : undefined;
    });
    expect(delivered).toMatchObject({ deliveryId: dead.deliveryId, attempts: 1 });
    expect(receiver.taken.get(alert.alertId)?.path).toBe('/down');
    expect(receiver.of('/down', alert.alertId).every((r) => r.signatureValid)).toBe(true);
    expect((await safety.postJson(`/alert-deliveries/${dead.deliveryId}/replay`, {}, {}, operations)).status).toBe(409);

    const replay = await platform.query('safety', `SELECT actor_subject, after->>'command' AS command FROM audit_record WHERE entity = 'operator_command' ORDER BY sequence`);
    expect(replay).toContainEqual({ actor_subject: operations.subject, command: 'alert-delivery-replay' });
    const metrics = await (await safety.request('GET', '/metrics', undefined, {}, operations)).text();
    expect(metrics).toMatch(/trialstream_alert_deliveries_total\{[^}]*outcome="dead_lettered"[^}]*\} 1\n/);
    expect(metrics).toMatch(/trialstream_alert_deliveries_total\{[^}]*outcome="delivered"[^}]*\} 2\n/);
  });

  it('sends each delivery once with two instances of the service claiming due deliveries', async () => {
    await secondSafety.start(DELIVERY_ENV);
    await subscribe('/fine', { trialId: TRIAL });
    const cases = ['AE-W3', 'AE-W4', 'AE-W5', 'AE-W6', 'AE-W7', 'AE-W8'];
    await Promise.all(
      cases.map(async (caseId, n) => {
        const report = adverseEventReport(n % 2 ? 'W-1' : 'W-2', caseId, { ctcaeGrade: 3, term: 'Neutropenia' });
        expect((await (n % 2 ? safety : secondSafety).postJson(`/trials/${TRIAL}/adverse-event-reports`, report)).status).toBe(201);
      }),
    );
    const delivered = await waitFor('six alerts delivered to /fine', async () => {
      const { items } = await deliveriesOf('/fine', 'DELIVERED');
      return items.length === cases.length ? (items as { alertId: string; attempts: number }[]) : undefined;
    });
    expect(delivered.every((d) => d.attempts === 1)).toBe(true);
    // One request per delivery: neither instance sent what the other had claimed.
    expect(receiver.of('/fine').map((r) => r.idempotencyKey).sort()).toEqual(delivered.map((d) => d.alertId).sort());
  });

  it('ends a subscription, audited, and never writes a secret into a log line or an audit record', async () => {
    const removed = await safety.request('DELETE', `/alert-subscriptions/${subscriptionIds['/other-trial']}`, undefined, {}, monitor);
    expect(removed.status).toBe(200);
    expect((await safety.getJson('/alert-subscriptions', monitor)).body.total).toBe(3);
    expect((await safety.request('DELETE', `/alert-subscriptions/${subscriptionIds['/other-trial']}`, undefined, {}, monitor)).status).toBe(404);

    const audited = await platform.query<{ action: string; actor_subject: string; record: string }>(
      'safety',
      `SELECT action, actor_subject, concat(before::text, after::text) AS record FROM audit_record WHERE entity LIKE 'alert_%' ORDER BY sequence`,
    );
    expect(audited.map((r) => r.action)).toEqual(['created', 'created', 'created', 'created', 'removed']);
    expect(audited.every((r) => r.actor_subject === monitor.subject)).toBe(true);
    const everything = (await platform.query<{ text: string }>('safety', `SELECT string_agg(concat(before::text, after::text), '') AS text FROM audit_record`))[0].text;
    for (const secret of Object.values(receiver.secrets)) {
      expect(everything).not.toContain(secret);
      expect(safety.logs).not.toContain(secret);
      expect(secondSafety.logs).not.toContain(secret);
    }
    expect(safety.logs).toContain('alert delivery dead-lettered');
  });

  it('queues no delivery for a subscription whose removal is under way: the alert waits for it, then leaves it out', async () => {
    await subscribe('/removing', { trialId: TRIAL });
    const subscriptionId = subscriptionIds['/removing'];
    // What AlertSubscriptions.remove does, held open while an alert is raised.
    const removal = new Client({ connectionString: `${POSTGRES_URL}/${platform.databaseOf('safety')}` });
    await removal.connect();
    try {
      await removal.query('BEGIN');
      const [{ pid }] = (await removal.query('SELECT pg_backend_pid() AS pid')).rows;
      await removal.query('SELECT 1 FROM alert_subscription WHERE subscription_id = $1 FOR UPDATE', [subscriptionId]);
      await removal.query('DELETE FROM alert_subscription_secret WHERE subscription_id = $1', [subscriptionId]);
      await removal.query(`UPDATE alert_delivery SET status = 'CANCELLED' WHERE subscription_id = $1 AND status IN ('PENDING', 'DEAD_LETTERED')`, [subscriptionId]);
      await removal.query(`UPDATE alert_subscription SET removed_at = now(), removed_by = 'the test' WHERE subscription_id = $1`, [subscriptionId]);
      const reported = safety.postJson(`/trials/${TRIAL}/adverse-event-reports`, adverseEventReport('W-1', 'AE-W10', { ctcaeGrade: 3, term: 'Anaemia' }));
      await waitFor('the alert raised, or its queue waiting for the removal', async () => {
        const [{ alerts, waiting }] = await platform.query<{ alerts: number; waiting: number }>(
          'safety',
          `SELECT (SELECT count(*) FROM safety_alert WHERE case_id = 'AE-W10')::int AS alerts,
                  (SELECT count(*) FROM pg_stat_activity WHERE $1 = ANY (pg_blocking_pids(pid)))::int AS waiting`,
          [pid],
        );
        return alerts + waiting > 0 ? true : undefined;
      });
      await removal.query('COMMIT');
      expect((await reported).status).toBe(201);
    } finally {
      await removal.end();
    }
    const [alert] = await alertsOfCase('AE-W10', 1);
    await waitFor('the alert delivered to /fine', async () =>
      (await deliveriesOf('/fine', 'DELIVERED')).items.some((d: { alertId: string }) => d.alertId === alert.alertId) ? true : undefined,
    );
    expect(await platform.query('safety', 'SELECT status FROM alert_delivery WHERE subscription_id = $1', [subscriptionId])).toEqual([]);
  });

  it('passes over deliveries left to removed subscriptions, which can never be signed, so they hold up no other; the migration cancels them', async () => {
    // What an alert queued while its subscription was being removed could leave behind before the
    // queue read subscriptions FOR SHARE: due before anything else, more than one pass claims (20).
    for (const path of ['/gone-1', '/gone-2']) {
      await subscribe(path, { trialId: TRIAL });
      expect((await safety.request('DELETE', `/alert-subscriptions/${subscriptionIds[path]}`, undefined, {}, monitor)).status).toBe(200);
    }
    const removed = [subscriptionIds['/other-trial'], subscriptionIds['/removing'], subscriptionIds['/gone-1'], subscriptionIds['/gone-2']];
    const orphans = `SELECT count(*)::int AS n, count(*) FILTER (WHERE attempts > 0)::int AS attempted, count(*) FILTER (WHERE status = 'CANCELLED')::int AS cancelled
                       FROM alert_delivery WHERE subscription_id = ANY($1::uuid[])`;
    await platform.query(
      'safety',
      `INSERT INTO alert_delivery (delivery_id, subscription_id, alert_id, trial_id, body, status, attempts, pending_since, next_attempt_at, created_at)
       SELECT gen_random_uuid(), s.id, a.alert_id, $2, '{}', 'PENDING', 0, now() - interval '1 hour', now() - interval '1 hour', now() - interval '1 hour'
         FROM unnest($1::uuid[]) AS s(id), safety_alert a`,
      [removed, TRIAL],
    );
    const [{ n }] = await platform.query<{ n: number }>('safety', orphans, [removed]);
    expect(n).toBeGreaterThan(20);

    const report = adverseEventReport('W-2', 'AE-W9', { ctcaeGrade: 3, term: 'Neutropenia' });
    expect((await safety.postJson(`/trials/${TRIAL}/adverse-event-reports`, report)).status).toBe(201);
    const [alert] = await alertsOfCase('AE-W9', 1);
    await waitFor('the alert delivered to /fine', async () =>
      (await deliveriesOf('/fine', 'DELIVERED')).items.some((d: { alertId: string }) => d.alertId === alert.alertId) ? true : undefined,
    );
    expect(await platform.query('safety', orphans, [removed])).toEqual([{ n, attempted: 0, cancelled: 0 }]);

    // A database that has such deliveries from before: the migration cancels them.
    await safety.stopCleanly();
    await platform.query('safety', `DELETE FROM migrations WHERE name = 'CancelDeliveriesOfRemovedSubscriptions1764000000460'`);
    await safety.start(DELIVERY_ENV);
    expect(await platform.query('safety', orphans, [removed])).toEqual([{ n, attempted: 0, cancelled: n }]);
  });

  it('refuses, where private addresses are not allowed (the default), an endpoint on this machine or a private network', async () => {
    await secondSafety.stopCleanly();
    await secondSafety.start({ ...DELIVERY_ENV, ALERT_DELIVERY_ALLOW_PRIVATE_ADDRESSES: 'false' });
    for (const [url, host] of [
      [receiver.url('/private'), '127.0.0.1'],
      ['https://169.254.169.254/latest/meta-data', '169.254.169.254'],
      ['https://[fd00::7]/alerts', 'fd00::7'],
    ]) {
      const refused = await secondSafety.postJson('/alert-subscriptions', { url, description: 'not public' }, {}, monitor);
      expect(refused).toMatchObject({ status: 400, body: { violations: [{ field: 'url', rule: 'publicAddress', message: expect.stringContaining(`${host} is not one`) }] } });
    }
    const { body } = await secondSafety.getJson('/alert-subscriptions', monitor);
    expect((body.items as { url: string }[]).some((s) => s.url.includes('/private') || s.url.includes('169.254') || s.url.includes('fd00'))).toBe(false);
  });
});
