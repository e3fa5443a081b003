import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { TOPICS } from '@trialstream/contracts';
import { eligibleScreening, POSTGRES_URL, testToken, waitFor } from '@trialstream/testing';
import { chromium, type Browser } from 'playwright-core';
import { PlatformUnderTest } from './platform-under-test';
import { adverseEventReport, infusionReactionReported } from './safety-reports';

const TRIAL = 'NCT02491658';
const SCREENSHOT = join(__dirname, '../../../.run/screenshots/safety-dashboard.png');
/** Debian's chromium, headless; a CI machine gets it from infra/scripts (ensure_chromium). */
const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

describe('the safety-monitor dashboard in a real browser', () => {
  const platform = new PlatformUnderTest();
  const { registry, probe } = platform;
  const [{ service: enrollment }, , { service: safety }] = platform.downstream;
  const monitor = { role: 'safety-monitor', subject: 'Dr Wang, safety monitor' };
  let browser: Browser;

  beforeAll(async () => {
    await platform.startAll();
    browser = await chromium.launch(CHROMIUM);
    await waitFor('the reference protocol in enrollment and safety', async () =>
      (await enrollment.getJson(`/trials/${TRIAL}/enrollment-policy`)).status === 200 && (await safety.getJson(`/trials/${TRIAL}/safety-policy`)).status === 200 ? true : undefined,
    );
    await registry.postJson(`/trials/${TRIAL}/status`, { status: 'RECRUITING', reason: 'recruitment opens' });
    await waitFor('enrollment to see the trial recruiting', async () => ((await enrollment.getJson(`/trials/${TRIAL}`)).body.overallStatus === 'RECRUITING' ? true : undefined));
    for (const subjectId of ['D-1', 'D-2']) {
      expect((await enrollment.postJson(`/trials/${TRIAL}/screenings`, eligibleScreening(subjectId))).status).toBe(201);
      expect((await enrollment.postJson(`/trials/${TRIAL}/subjects/${subjectId}/consent`, { consentVersion: '1.0', consentDate: '2015-05-30' })).status).toBe(200);
      expect((await enrollment.postJson(`/trials/${TRIAL}/subjects/${subjectId}/enrollment`, { plannedFirstInfusionDate: '2015-06-08' })).status).toBe(200);
    }
    await waitFor('safety to know D-1 and D-2', async () =>
      (await platform.query('safety', 'SELECT subject_id FROM known_subject WHERE trial_id = $1', [TRIAL])).length === 2 ? true : undefined,
    );
    // A SUSAR before the monitor looks: its 15-day report clock is running.
    const susar = adverseEventReport('D-1', 'AE-D1', { term: 'Pneumonitis', ctcaeGrade: 3, seriousness: ['HOSPITALISATION'], expectedness: 'UNEXPECTED' });
    expect((await safety.postJson(`/trials/${TRIAL}/adverse-event-reports`, susar, {}, monitor)).status).toBe(201);
  });

  afterAll(async () => {
    await browser?.close();
    await platform.cleanUp();
  });

  it('counts a report clock down, takes a reaction and its hold live, acknowledges the alert and shows the subject\'s timeline', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1100 } });
    await page.goto(`${safety.url}/dashboard?trial=${TRIAL}`);
    await page.locator('#token').fill(await testToken(monitor));
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.locator('#connection[data-state="live"]').waitFor();
    await page.evaluate(() => Object.assign(globalThis, { loadedOnce: true }));

    const countdown = page.locator('tr[data-case-id="AE-D1"][data-report="INITIAL"] .countdown');
    const shown = await countdown.textContent();
    expect(shown).toMatch(/^1[45] d \d\d:\d\d:\d\d left$/);
    await waitFor('the countdown to move', async () => ((await countdown.textContent()) !== shown ? true : undefined), 5_000);
    expect(await page.locator('#alerts li', { hasText: 'AE-D1' }).count()).toBeGreaterThan(0);

    // Raised after the page opened: it can only arrive through the stream.
    await probe.produce(platform.topic(TOPICS.infusionEvents), [{ key: 'D-2', value: JSON.stringify(infusionReactionReported(TRIAL, 'D-2', 3)) }]);
    const ruleAlert = page.locator('#alerts li', { hasText: 'stopping rule triggered' }).filter({ hasText: 'D-2-IRR-2' });
    await ruleAlert.waitFor();
    await page.locator('#holds li.scope-subject', { has: page.locator('button[data-subject="D-2"]') }).waitFor();
    expect(await page.evaluate(() => (globalThis as { loadedOnce?: boolean }).loadedOnce)).toBe(true);
    expect(await page.locator('#alerts').getAttribute('aria-live')).toBe('polite');
    expect(await ruleAlert.getAttribute('class')).toContain('severity-high');

    const alertId = (await ruleAlert.getAttribute('data-alert-id'))!;
    await ruleAlert.getByRole('button', { name: 'Acknowledge' }).click();
    await page.locator(`#alerts li[data-alert-id="${alertId}"][data-acknowledged="true"]`, { hasText: 'Acknowledged by Dr Wang, safety monitor' }).waitFor();
    const { body: acknowledged } = await safety.getJson(`/trials/${TRIAL}/alerts?acknowledged=true`);
    expect(acknowledged.items).toEqual([expect.objectContaining({ alertId, acknowledgedBy: monitor.subject })]);

    await page.locator('#holds button[data-subject="D-2"]').click();
    await page.locator('#timeline li', { hasText: 'acknowledged by' }).waitFor();
    const timeline = await page.locator('#timeline li').allTextContents();
    expect(timeline[0]).toContain('Case D-2-IRR-2 opened: Infusion-related reaction, grade 3');
    expect(timeline.some((entry) => entry.includes('Dosing hold placed'))).toBe(true);
    expect(timeline[timeline.length - 1]).toContain('Alert acknowledged by Dr Wang, safety monitor');

    rmSync(SCREENSHOT, { force: true });
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(statSync(SCREENSHOT).size).toBeGreaterThan(20_000);
  });

  it('streams alerts to those who may read them only', async () => {
    const stream = (as: Parameters<typeof safety.request>[4], trialId = TRIAL) => safety.request('GET', `/trials/${trialId}/alerts/stream`, undefined, {}, as);
    expect((await stream('anonymous')).status).toBe(401);
    for (const role of ['site', 'sponsor-system', 'operations']) expect((await stream(role === 'site' ? { role, sites: ['BJ-01'] } : { role })).status).toBe(403);
    expect((await stream(monitor, 'NCT00000000')).status).toBe(404);
    const open = await stream({ role: 'dsmb' });
    expect({ status: open.status, type: open.headers.get('content-type') }).toEqual({ status: 200, type: 'text/event-stream' });
    await open.body?.cancel();
  });

  /** The trial's alerts in the order they went out on the alerts topic (read with kcat), each once. */
  const alertsOnTheWire = () => [
    ...new Set(platform.readWithKcat(platform.topic(TOPICS.safetyAlerts)).filter((m) => m.key === TRIAL).map((m) => JSON.parse(m.payload).payload.alertId as string)),
  ];

  /** Opens a stream from a Last-Event-ID; `ids()` are the alert ids received so far. */
  async function resumeFrom(lastEventId: string) {
    const open = await safety.request('GET', `/trials/${TRIAL}/alerts/stream`, undefined, { 'Last-Event-ID': lastEventId }, monitor);
    expect(open.status).toBe(200);
    let text = '';
    const reader = open.body!.pipeThrough(new TextDecoderStream()).getReader();
    const reading = (async () => {
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += chunk.value;
    })().catch(() => undefined);
    return {
      ids: () => [...text.matchAll(/^id: (.+)$/gm)].map((m) => m[1]),
      close: async () => {
        await reader.cancel();
        await reading;
      },
    };
  }

  it('resumes a stream from its Last-Event-ID: the alerts published after it first, in the order they went out, then the live ones', async () => {
    const [last, ...missed] = alertsOnTheWire();
    expect(missed.length).toBeGreaterThan(1);

    const stream = await resumeFrom(last);
    await waitFor('the missed alerts', async () => (stream.ids().length >= missed.length ? true : undefined), 10_000);
    expect(stream.ids()).toEqual(missed);

    // Then live: a new case's alert.
    expect((await safety.postJson(`/trials/${TRIAL}/adverse-event-reports`, adverseEventReport('D-1', 'AE-D3', { term: 'Anaemia', ctcaeGrade: 3 }), {}, monitor)).status).toBe(201);
    await waitFor('the live alert', async () => (stream.ids().length > missed.length ? true : undefined), 15_000);
    const { body: latest } = await safety.getJson(`/trials/${TRIAL}/alerts?caseId=AE-D3`);
    expect(stream.ids()).toEqual([...missed, latest.items[0].alertId]);
    await stream.close();
  });

  it('resumes with an alert raised before the last one received but committed after it: it went out after it', async () => {
    const wire = alertsOnTheWire();
    const [last, lateCommitted] = [wire[0], wire[wire.length - 1]];
    // As if its transaction had read the clock an hour before the last one received, and committed after it.
    await platform.query('safety', `UPDATE safety_alert SET raised_at = (SELECT raised_at FROM safety_alert WHERE alert_id = $2) - interval '1 hour' WHERE alert_id = $1`, [lateCommitted, last]);

    const stream = await resumeFrom(last);
    await waitFor('the missed alerts', async () => (stream.ids().length >= wire.length - 1 ? true : undefined), 10_000);
    expect(stream.ids()).toEqual(wire.slice(1));
    expect(stream.ids()).toContain(lateCommitted);
    await stream.close();
  });

  it('resumes with the alerts of the last one’s mark and those sent but not marked yet: some come twice, none is lost', async () => {
    const [before, last, ...after] = alertsOnTheWire();
    const eventOf = (parameter: string) => `(SELECT raised_event_id FROM safety_alert WHERE alert_id = ${parameter})`;
    // `before` as if the relay had sent it again with `last` and marked both at once; `after[0]` as if
    // sent and not marked yet (set aside, so the relay leaves it so during the test).
    await platform.query('safety', `UPDATE outbox_message SET published_at = (SELECT published_at FROM outbox_message WHERE event_id = ${eventOf('$2')}) WHERE event_id = ${eventOf('$1')}`, [before, last]);
    await platform.query('safety', `UPDATE outbox_message SET published_at = NULL, set_aside_at = now(), set_aside_reason = 'e2e: not marked yet' WHERE event_id = ${eventOf('$1')}`, [after[0]]);

    const stream = await resumeFrom(last);
    await waitFor('the missed alerts', async () => (stream.ids().length >= after.length + 1 ? true : undefined), 10_000);
    expect(stream.ids()).toEqual(expect.arrayContaining([before, ...after]));
    expect(stream.ids()).not.toContain(last);
    await stream.close();
    await platform.query('safety', `UPDATE outbox_message SET set_aside_at = NULL, set_aside_reason = NULL WHERE event_id = ${eventOf('$1')}`, [after[0]]);
  });

  /**
   * A client whose kept-alive connection is never idle: it asks for the trial's latest alert twice
   * at once (pipelined) and again at each answer, so a request is always in hand or waiting. A page
   * that reconnects on one connection is in this state when the stop closes the HTTP server, only
   * by chance. `answers` are the Connection headers of the answers, until the service closes it.
   */
  async function keepAConnectionInUse(url: string) {
    const { hostname, port } = new URL(url);
    const ask = `GET /trials/${TRIAL}/alerts?limit=1 HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAuthorization: Bearer ${await testToken(monitor)}\r\n\r\n`;
    const answers: string[] = [];
    let received = '';
    const socket = connect(Number(port), hostname, () => socket.write(ask + ask));
    socket.on('error', () => undefined).on('data', (chunk) => {
      received += chunk.toString('latin1');
      for (let end = received.indexOf('\r\n\r\n'); end >= 0; end = received.indexOf('\r\n\r\n')) {
        const head = received.slice(0, end);
        const length = Number(/^content-length: *(\d+)/im.exec(head)?.[1] ?? 0);
        if (received.length < end + 4 + length) return;
        received = received.slice(end + 4 + length);
        answers.push(/^connection: *(\S+)/im.exec(head)?.[1] ?? '');
        if (!socket.writableEnded) socket.write(ask);
      }
    });
    return { answers, close: () => socket.destroy() };
  }

  it('ends the open streams when the service stops, and stops cleanly, with a client whose kept-alive connection is never idle', async () => {
    const open = await safety.request('GET', `/trials/${TRIAL}/alerts/stream`, undefined, {}, monitor);
    expect(open.status).toBe(200);
    const received = open.text().catch((error: Error) => `the stream failed: ${error.message}`);
    const busy = await keepAConnectionInUse(safety.url);
    await waitFor('answers on the kept-alive connection', async () => (busy.answers.length > 10 ? true : undefined));
    // Nest exits 0 once its shutdown hooks have run (useProcessExit, bootstrap.ts); the HTTP server
    // closes last, once no connection is in use. Meanwhile readiness says it is stopping.
    const stopped = safety.stopCleanly();
    const readiness: { status: number; body: any }[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
    for (let running = true; running; await new Promise((resolve) => setTimeout(resolve, 25))) {
      const ready = await fetch(`${safety.url}/ready`).catch(() => undefined);
      if (ready) readiness.push({ status: ready.status, body: await ready.json() });
      running = Boolean(ready) && readiness.at(-1)?.status === 200;
    }
    await stopped;
    busy.close();
    expect(readiness.at(-1)).toMatchObject({ status: 503, body: { error: { service: { status: 'down', message: 'stopping' } } } });
    expect(safety.logs).toContain('stopped consuming, flushed the outbox and disconnected from Kafka');
    expect(safety.logs).toContain('alert feed disconnected');
    expect(await received).toContain(': connected');
    // Answered until the stop began, then told to close the connection.
    expect(busy.answers[0]).toBe('keep-alive');
    expect(busy.answers[busy.answers.length - 1]).toBe('close');
  });

  it('links the alerts raised before an upgrade to their events: the migrate command backfills the link from the outbox', async () => {
    const links = () => platform.query<{ alert_id: string; raised_event_id: string | null }>('safety', 'SELECT alert_id, raised_event_id FROM safety_alert ORDER BY alert_id');
    const linked = await links();
    expect(linked.length).toBeGreaterThan(2);
    expect(linked.every((a) => a.raised_event_id !== null)).toBe(true);
    // The database as the build before LinkAlertsToTheirEvents1764000000470 left it (the service is stopped).
    await platform.query('safety', 'ALTER TABLE safety_alert DROP COLUMN raised_event_id');
    await platform.query('safety', `DELETE FROM migrations WHERE name = 'LinkAlertsToTheirEvents1764000000470'`);

    const run = spawnSync(process.execPath, ['dist/apps/safety/apps/safety/src/migrate.js'], {
      cwd: join(__dirname, '../../..'),
      env: { ...process.env, DATABASE_URL: `${POSTGRES_URL}/${platform.databaseOf('safety')}` },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect({ status: run.status, out: run.stdout + run.stderr }).toMatchObject({ status: 0, out: expect.stringContaining('LinkAlertsToTheirEvents1764000000470') });
    expect(await links()).toEqual(linked);
  });
});
