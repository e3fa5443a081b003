import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import { TrialRegistered, type TrialRegisteredPayload } from '@trialstream/contracts';
import { dropDatabases, POSTGRES_URL, sampleTrialRegistered, uniqueSuffix, waitFor } from '@trialstream/testing';
import { Registry } from 'prom-client';
import { DataSource, type EntityManager } from 'typeorm';
import { AdjustableClock } from '../clock/clock';
import { runWithCorrelation } from '../context/correlation';
import { ensureDatabase } from '../database/ensure-database';
import { ROWS_PER_STATEMENT } from '../database/insert-rows';
import { MessagingTables1764000000000 } from '../database/messaging-tables.migration';
import { OutboxEnvelopeJson1764000000006 } from '../database/outbox-envelope-json.migration';
import { runMigrationsLocked } from '../database/migrations';
import { Outbox } from '../messaging/outbox';
import { DurableTimers } from './durable-timers';
import { TimerMetrics } from './timer-metrics';
import { TimerScheduler, type TimerSchedulerSettings } from './timer-scheduler';
import { DurableTimers1764000000001 } from './timers.migration';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const nct = (n: number) => `NCT${String(n).padStart(8, '0')}`;

describe('durable timers against a real PostgreSQL', () => {
  const database = `trialstream_it_timers_${uniqueSuffix()}`;
  const outbox = new Outbox('integration-test');
  const clock = new AdjustableClock();
  let dataSource: DataSource;
  /** A second instance of the service: its own connections to the same database. */
  let otherInstance: DataSource;
  let timers: DurableTimers;
  let schedulers: TimerScheduler[] = [];

  const scheduler = (settings: Partial<TimerSchedulerSettings> = {}, on = dataSource, metrics?: TimerMetrics) => {
    const made = new TimerScheduler(on, outbox, clock, { pollIntervalMs: 60_000, batchSize: 50, ...settings }, metrics);
    schedulers.push(made);
    return made;
  };
  const fromNow = (ms: number) => new Date(clock.now().getTime() + ms);
  const trialTimer = (key: string, dueAt: Date, n: number, payload: Partial<TrialRegisteredPayload> = {}) => ({
    key, dueAt, contract: TrialRegistered, event: { trialId: nct(n), payload: { ...sampleTrialRegistered(nct(n)), ...payload } },
  });
  const schedule = (key: string, dueAt: Date, n: number, on = dataSource) =>
    on.transaction((tx) => timers.schedule(tx, trialTimer(key, dueAt, n)));
  /** The trial ids of the events the timers put in the outbox, in outbox order. */
  const firedTrials = async (): Promise<string[]> =>
    (await dataSource.query(`SELECT envelope->>'trialId' AS trial FROM outbox_message ORDER BY position`)).map((r: { trial: string }) => r.trial);
  const count = async (sql: string, params: unknown[] = []) => Number((await dataSource.query(sql, params))[0].n);
  const waitForFired = (trials: number, timeoutMs = 5000) =>
    waitFor(`${trials} fired timers`, async () => ((await firedTrials()).length >= trials ? firedTrials() : undefined), timeoutMs, 20);

  beforeAll(async () => {
    const url = `${POSTGRES_URL}/${database}`;
    await ensureDatabase(url);
    dataSource = await new DataSource({ type: 'postgres', url, migrations: [MessagingTables1764000000000, DurableTimers1764000000001, OutboxEnvelopeJson1764000000006] }).initialize();
    await runMigrationsLocked(dataSource);
    otherInstance = await new DataSource({ type: 'postgres', url }).initialize();
    timers = new DurableTimers(dataSource, clock);
  });

  afterEach(async () => {
    await Promise.all(schedulers.map((s) => s.stop()));
    schedulers = [];
    jest.restoreAllMocks();
    await dataSource.query('TRUNCATE scheduled_event, outbox_message');
  });

  afterAll(async () => {
    await otherInstance?.destroy();
    await dataSource?.destroy();
    await dropDatabases([database]);
  });

  it('fires each timer exactly once while two instances race for the same due timers', async () => {
    const timerCount = 400;
    await dataSource.transaction(async (tx) => {
      for (let n = 1; n <= timerCount; n++) await timers.schedule(tx, trialTimer(`race-${n}`, fromNow(-n), n));
    });
    const drain = async (instance: TimerScheduler) => {
      let fired = 0;
      for (let pass = await instance.fireDue(); pass > 0; pass = await instance.fireDue()) fired += pass;
      return fired;
    };

    const [byFirst, bySecond] = await Promise.all([drain(scheduler({ batchSize: 10 })), drain(scheduler({ batchSize: 10 }, otherInstance))]);

    expect(byFirst).toBeGreaterThan(0);
    expect(bySecond).toBeGreaterThan(0);
    expect(byFirst + bySecond).toBe(timerCount);
    const fired = await firedTrials();
    expect(fired).toHaveLength(timerCount);
    expect(new Set(fired).size).toBe(timerCount);
    expect(
      await count(`SELECT count(*) AS n FROM scheduled_event s JOIN outbox_message o ON o.event_id = s.fired_event_id WHERE s.fired_at IS NOT NULL`),
    ).toBe(timerCount);
  });

  it('does not wait for a timer another instance holds: it fires the others and leaves that one to its holder', async () => {
    await schedule('held', fromNow(-2), 1);
    await schedule('free', fromNow(-1), 2);
    const otherPass = otherInstance.createQueryRunner();
    await otherPass.connect();
    await otherPass.startTransaction();
    await otherPass.query(`SELECT id FROM scheduled_event WHERE timer_key = 'held' FOR UPDATE`);

    const pass = scheduler().fireDue();
    const outcome = await Promise.race([pass, sleep(2000).then(() => 'still waiting')]);
    await otherPass.rollbackTransaction();
    await otherPass.release();
    await pass;

    expect(outcome).toBe(1);
    expect(await firedTrials()).toEqual([nct(2)]);
    expect(await timers.pending('held')).toBeDefined();
  });

  it('fires on start, oldest first, the timers that fell due while no scheduler ran, and not the ones still ahead', async () => {
    await schedule('down-3-days', fromNow(-3 * DAY_MS), 1);
    await schedule('down-1-ms', fromNow(-1), 3);
    await schedule('down-1-hour', fromNow(-60 * MINUTE_MS), 2);
    await schedule('tomorrow', fromNow(DAY_MS), 4);

    scheduler().start();

    expect(await waitForFired(3)).toEqual([nct(1), nct(2), nct(3)]);
    expect(await timers.pending('tomorrow')).toMatchObject({ trialId: nct(4) });
  });

  it('works through a backlog of many batches without pausing between them, even past a batch of timers that cannot fire', async () => {
    await dataSource.query(
      `INSERT INTO scheduled_event (timer_key, due_at, event_type, event_version, trial_id, payload, created_at)
       SELECT 'retired-' || n, $1::timestamptz - n * interval '1 second', 'TrialTeleported', 1, 'NCT00000001', '{}', $1 FROM generate_series(1, 5) AS n`,
      [fromNow(-DAY_MS)],
    );
    await dataSource.transaction(async (tx) => {
      for (let n = 1; n <= 23; n++) await timers.schedule(tx, trialTimer(`backlog-${n}`, fromNow(-60_000 + n), n));
    });
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);

    scheduler({ batchSize: 5 }).start();

    expect(await waitForFired(23, 3000)).toEqual(Array.from({ length: 23 }, (_, i) => nct(i + 1)));
  });

  it('fires a batch of due timers in a few statements, not two a timer, each with its own event and mark', async () => {
    await dataSource.transaction(async (tx) => {
      for (let n = 1; n <= 200; n++) await timers.schedule(tx, trialTimer(`batch-${n}`, fromNow(-60_000 + n), n));
    });
    let statements = 0;
    const counted = await new DataSource({
      type: 'postgres',
      url: `${POSTGRES_URL}/${database}`,
      logging: ['query'],
      logger: { logQuery: () => void statements++, logQueryError: () => undefined, logQuerySlow: () => undefined, logSchemaBuild: () => undefined, logMigration: () => undefined, log: () => undefined },
    }).initialize();
    statements = 0; // not the queries of initialize()
    try {
      expect(await scheduler({ batchSize: 500 }, counted).fireDue()).toBe(200);
    } finally {
      await counted.destroy();
    }
    // BEGIN, the claim, the outbox inserts (ROWS_PER_STATEMENT rows each), the marks, COMMIT.
    expect(statements).toBe(4 + Math.ceil(200 / ROWS_PER_STATEMENT));
    expect(await firedTrials()).toEqual(Array.from({ length: 200 }, (_, i) => nct(i + 1)));
    // Each timer marked with its own event: the one for its trial.
    expect(await count(`SELECT count(*) AS n FROM scheduled_event s JOIN outbox_message o ON o.event_id = s.fired_event_id WHERE s.fired_at IS NOT NULL AND o.envelope->>'trialId' = s.trial_id`)).toBe(200);
  });

  it('fires at once, when the adjustable clock jumps a year, the timers due within that year and not the later ones', async () => {
    await schedule('month-1', fromNow(30 * DAY_MS), 1);
    await schedule('day-364', fromNow(364 * DAY_MS), 2);
    await schedule('day-366', fromNow(366 * DAY_MS), 3);
    await schedule('year-2', fromNow(730 * DAY_MS), 4);
    const running = scheduler();
    running.start();
    await sleep(300);
    expect(await firedTrials()).toEqual([]);

    clock.advance(365 * DAY_MS);

    expect(await waitForFired(2)).toEqual([nct(1), nct(2)]);
    await running.stop();
    expect(await firedTrials()).toEqual([nct(1), nct(2)]);
    expect(await timers.pending('day-366')).toBeDefined();
    expect(await timers.pending('year-2')).toBeDefined();
  });

  it('wakes for a timer scheduled in this process once its transaction commits, not a poll interval later', async () => {
    const running = scheduler();
    const told: Date[] = [];
    const stopListening = [timers.onScheduled((dueAt) => told.push(dueAt)), timers.onScheduled((dueAt) => running.wake(dueAt))];
    running.start();
    await sleep(300);

    await expect(
      dataSource.transaction(async (tx) => {
        await timers.schedule(tx, trialTimer('rolled-back', fromNow(0), 9));
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');
    const dueAt = fromNow(0);
    await dataSource.transaction(async (tx) => {
      await timers.schedule(tx, trialTimer('now', dueAt, 1));
      expect(told).toEqual([]);
    });
    expect(told).toEqual([dueAt]);
    expect(await waitForFired(1, 2000)).toEqual([nct(1)]);

    await schedule('in-a-second', fromNow(1000), 2);
    expect(await waitForFired(2, 3000)).toEqual([nct(1), nct(2)]);
    stopListening.forEach((stop) => stop());
  });

  it('sleeps only until the earliest of 10,000 pending timers, so it fires within a second of its due time', async () => {
    await dataSource.query(
      `INSERT INTO scheduled_event (timer_key, due_at, event_type, event_version, trial_id, payload, created_at)
       SELECT 'later-' || n, $1::timestamptz + n * interval '1 minute', 'TrialRegistered', 1, 'NCT09999999', $2, $3
         FROM generate_series(1, 10000) AS n`,
      [fromNow(DAY_MS), JSON.stringify(sampleTrialRegistered('NCT09999999')), clock.now()],
    );
    const dueAt = fromNow(1500);
    await schedule('soon', dueAt, 1);

    scheduler().start(); // not told of the schedule: it must find the due time itself

    await waitForFired(1, 5000);
    const lateness = clock.now().getTime() - dueAt.getTime();
    expect(lateness).toBeGreaterThanOrEqual(0);
    expect(lateness).toBeLessThan(1000);
    expect(await count(`SELECT count(*) AS n FROM scheduled_event WHERE fired_at IS NULL AND cancelled_at IS NULL`)).toBe(10_000);
  });

  it('reschedules and cancels by key, keeping one pending timer per key even when set concurrently', async () => {
    const moved = fromNow(120 * MINUTE_MS);
    await schedule('infusion-2', fromNow(60 * MINUTE_MS), 1);
    await schedule('infusion-2', moved, 2);
    expect(await timers.pending('infusion-2')).toMatchObject({ dueAt: moved, trialId: nct(2), payload: { trialId: nct(2) } });

    await Promise.all(Array.from({ length: 10 }, (_, i) => schedule('follow-up', fromNow((10 + i) * DAY_MS), 10 + i, i % 2 ? otherInstance : dataSource)));
    expect(await count(`SELECT count(*) AS n FROM scheduled_event WHERE timer_key = 'follow-up'`)).toBe(1);

    await schedule('visit-3', fromNow(60 * MINUTE_MS), 3);
    expect(await dataSource.transaction((tx) => timers.cancel(tx, 'visit-3'))).toBe(true);
    expect(await dataSource.transaction((tx) => timers.cancel(tx, 'visit-3'))).toBe(false);
    expect(await timers.pending('visit-3')).toBeUndefined();

    clock.advance(90 * MINUTE_MS);
    expect(await scheduler().fireDue()).toBe(0);
    clock.advance(60 * MINUTE_MS);
    expect(await scheduler().fireDue()).toBe(1);
    expect(await firedTrials()).toEqual([nct(2)]);

    expect(await dataSource.transaction((tx) => timers.cancel(tx, 'infusion-2'))).toBe(false);
    await schedule('infusion-2', fromNow(DAY_MS), 4);
    expect(await timers.pending('infusion-2')).toMatchObject({ trialId: nct(4) });
  });

  it('leaves no timer behind when the transaction that scheduled it rolls back', async () => {
    await expect(
      dataSource.transaction(async (tx: EntityManager) => {
        await timers.schedule(tx, trialTimer('never', fromNow(-1), 1));
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');

    expect(await count('SELECT count(*) AS n FROM scheduled_event')).toBe(0);
    expect(await scheduler().fireDue()).toBe(0);
    expect(await firedTrials()).toEqual([]);
  });

  it('refuses a payload that breaks its contract when it is scheduled, naming the field and rule', async () => {
    await expect(
      dataSource.transaction((tx) => timers.schedule(tx, trialTimer('bad', fromNow(DAY_MS), 1, { trialId: 'psoriasis-1' }))),
    ).rejects.toThrow('refusing to schedule an invalid TrialRegistered: payload.trialId: trialId must look like NCT followed by 8 digits [matches]');
    expect(await count('SELECT count(*) AS n FROM scheduled_event')).toBe(0);
  });

  it('gives the fired event the correlation of the work that scheduled it', async () => {
    const causationId = randomUUID();
    await runWithCorrelation({ correlationId: 'request-42', causationId }, () => schedule('correlated', fromNow(-1), 1));

    expect(await scheduler().fireDue()).toBe(1);
    const [{ envelope }] = await dataSource.query('SELECT envelope FROM outbox_message');
    expect(envelope).toMatchObject({ type: 'TrialRegistered', trialId: nct(1), correlationId: 'request-42', causationId });
  });

  it('cancels, with the reason, a due timer whose event no longer meets a known contract, and fires the ones behind it', async () => {
    const insert = (key: string, type: string, payload: object) =>
      dataSource.query(
        `INSERT INTO scheduled_event (timer_key, due_at, event_type, event_version, trial_id, payload, created_at) VALUES ($1, $2, $3, 1, 'NCT00000001', $4, $2)`,
        [key, fromNow(-2000), type, JSON.stringify(payload)],
      );
    await insert('retired-type', 'TrialTeleported', {});
    await insert('stale-payload', 'TrialRegistered', { ...sampleTrialRegistered(nct(1)), trialId: 'psoriasis-1' });
    await schedule('fine', fromNow(-1000), 2);
    const metrics = new TimerMetrics(new Registry());
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);

    expect(await scheduler({}, dataSource, metrics).fireDue()).toBe(1);

    expect(await firedTrials()).toEqual([nct(2)]);
    const failures = await dataSource.query(`SELECT timer_key, failure FROM scheduled_event WHERE cancelled_at IS NOT NULL ORDER BY timer_key`);
    expect(failures).toEqual([
      { timer_key: 'retired-type', failure: 'TrialTeleported version 1 is not in the event catalogue' },
      {
        timer_key: 'stale-payload',
        failure: 'the payload no longer meets TrialRegistered version 1: payload.trialId: trialId must look like NCT followed by 8 digits [matches]',
      },
    ]);
    expect((await metrics.fired.get()).values).toEqual([{ labels: { type: 'TrialRegistered' }, value: 1 }]);
    expect((await metrics.failed.get()).values).toHaveLength(2);
    expect(errors.mock.calls.map(([logged]) => logged)).toEqual([
      expect.objectContaining({ message: 'timer cannot fire; cancelled', timerKey: 'retired-type' }),
      expect.objectContaining({ message: 'timer cannot fire; cancelled', timerKey: 'stale-payload' }),
    ]);
  });

  it('stops only after the pass in hand has committed', async () => {
    await schedule('in-hand', fromNow(-1), 1);
    const blocker = dataSource.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    await blocker.query('LOCK TABLE outbox_message IN EXCLUSIVE MODE'); // the pass's outbox write waits for it
    const running = scheduler();
    running.start();
    await waitFor('the pass to wait for the outbox', async () =>
      (await count(`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'`, [database])) > 0 ? true : undefined,
    );

    let stopped = false;
    const stopping = running.stop().then(() => (stopped = true));
    await sleep(300);
    const stoppedWhileBlocked = stopped;
    await blocker.commitTransaction();
    await blocker.release();
    await stopping;

    expect(stoppedWhileBlocked).toBe(false);

    expect(await firedTrials()).toEqual([nct(1)]);
  });

  it('logs a failed pass and retries it, without crashing', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    await schedule('after-the-outage', fromNow(-1), 1);
    await dataSource.query('ALTER TABLE scheduled_event RENAME TO scheduled_event_away');
    scheduler().start();
    await waitFor('the failure to be logged', async () => (errors.mock.calls.length > 0 ? true : undefined), 5000, 20);
    expect(errors.mock.calls[0][0]).toMatchObject({ message: 'timer pass failed; will retry', error: expect.stringContaining('scheduled_event') });

    await dataSource.query('ALTER TABLE scheduled_event_away RENAME TO scheduled_event');

    expect(await waitForFired(1, 5000)).toEqual([nct(1)]);
  });
});
