/**
 * npm run bench: how fast the platform turns sponsor screenings into SubjectScreened events,
 * measured from outside (Kafka in, Kafka out, HTTP), next to a bare kafkajs loop on the same broker
 * in the same run. See docs/benchmarks.md for the method; `npm run bench -- --help` for the flags.
 *
 *   1. throughput: N ScreeningSubmitted on the ingress topic -> N SubjectScreened on the wire,
 *      against the same N messages through a bare eachBatch consume-then-produce loop; the ratio.
 *   2. latency: a fixed offered rate; ingress send to SubjectScreened, p50/p99/max.
 *   3. cost as work grows: throughput at each size against fresh databases; ms per event.
 *   4. timer lateness: placeholder until durable timers land (prints "not measured yet").
 *
 * Figures are never asserted. The exit code is non-zero only when events are lost or duplicated on
 * the wire, or a service (or the broker, or the build) does not start.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kafka } from 'kafkajs';
import { Client } from 'pg';
import { TOPICS } from '../../libs/contracts/src/topics';
import { parseOptions, USAGE, type BenchOptions } from './options';
import { chartSvg, markdownTable, percentiles, textTable, type Results, type Run } from './report';
import { screeningMessages } from './screenings';
import { distExists, freePort, mainFile, postgresUrl, Stack, TRIAL, WORKSPACE } from './stack';
import { createTopics, deleteWithPrefix, kafkaClient, LoadGenerator, loopbackBrokers, WireWatch, type OutMessage, type Phase } from './wire';

const PARTITIONS = TOPICS.sponsorIngress.partitions; // 6, as the ingress topic the services create
const INGRESS = TOPICS.sponsorIngress.name;
const ENROLLMENT_EVENTS = TOPICS.enrollmentEvents.name;
const ENROLLMENT_DEAD_LETTERS = 'trialstream.enrollment.dead-letter.v1';
const GRACE_MS = 1_500; // after the last expected event: time for late duplicates to show up
const RATIO_TARGET = 0.25;
const P99_TARGET_MS = 100;
/** Time per event at the largest size at most this much above the smallest (a drop is no concern). */
const GROWTH_TARGET_PERCENT = 20;
/**
 * Service settings a caller may set in the benchmark's environment (the services inherit it): the
 * results record any that are set, so figures say which knobs applied.
 */
const PASSED_THROUGH = /^(OUTBOX_|CONSUMER_|PARKED_|TIMER_|KAFKA_RETRY_|CLOCK_|LOG_LEVEL$|PROCESSED_EVENT_)/;

const log = (message: string) => process.stderr.write(`${message}\n`);
const say = (message: string) => log(`\x1b[1m==> ${message}\x1b[0m`);

// ---------------------------------------------------------------------------------------------
// Clean-up: everything the run creates registers how to undo it; undone in reverse on any exit.

interface Cleanup {
  what: string;
  work: () => Promise<unknown>;
  /** Set once the undo has started: every caller waits for the same one, none runs it twice. */
  done?: Promise<void>;
}

const cleanups: Cleanup[] = [];
/** Set on SIGINT/SIGTERM or by the backstop: nothing new starts, waits end, everything is undone. */
let aborted = false;
let cleaning: Promise<void> | undefined;

class Aborted extends Error {
  constructor() {
    super('run interrupted');
  }
}

function checkNotAborted(): void {
  if (aborted) throw new Aborted();
}

async function withTimeout<T>(what: string, work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([work, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms / 1000} s`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

function undo(entry: Cleanup): Promise<void> {
  entry.done ??= (async () => {
    await withTimeout(entry.what, entry.work(), 60_000).catch((error) => log(`clean-up: ${(error as Error).message}`));
    const index = cleanups.indexOf(entry);
    if (index >= 0) cleanups.splice(index, 1);
  })();
  return entry.done;
}

/** Registers how to undo what is about to be created; refused once the run is being aborted. */
function onExit(what: string, work: () => Promise<unknown>): Cleanup {
  checkNotAborted();
  const entry: Cleanup = { what, work };
  cleanups.push(entry);
  return entry;
}

/** Undoes everything still registered, newest first; every caller shares the one pass. */
function cleanUpAll(): Promise<void> {
  cleaning ??= (async () => {
    while (cleanups.length > 0) await undo(cleanups[cleanups.length - 1]);
  })();
  return cleaning;
}

function abort(reason: string, code: number): void {
  if (aborted) return;
  aborted = true;
  log(`bench: ${reason}; cleaning up`);
  void cleanUpAll().finally(() => process.exit(code));
}

// ---------------------------------------------------------------------------------------------
// What the run needs: a broker, the built services, PostgreSQL.

function run(command: string, args: string[], timeoutMs: number, cwd = WORKSPACE, env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync(command, args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'], timeout: timeoutMs });
  if (result.error || result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`})`);
  }
}

function ensureBroker(): void {
  const kafkaSh = join(WORKSPACE, 'infra/kafka/kafka.sh');
  if (spawnSync('bash', [kafkaSh, 'status'], { cwd: WORKSPACE, timeout: 10_000 }).status === 0) {
    log('kafka: a broker is already running (reused, left running)');
    return;
  }
  run('bash', [kafkaSh, 'start'], 600_000); // the first start on a machine resolves the broker's jars
  onExit('stopping the broker this run started', async () => run('bash', [kafkaSh, 'stop'], 60_000));
}

function newestMtime(dir: string): number {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (/\.(ts|json)$/.test(entry.name) && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Builds registry and enrollment when dist/ is missing or older than their sources (or on --build).
 * The Nx build target empties dist/apps/<app> first: sources that do not compile leave no runnable
 * service, and the run then fails on the build, as it should.
 */
function ensureBuilt(root: string, build: boolean | undefined): void {
  let reason: string | undefined;
  if (build === true) reason = '--build';
  else if (!distExists(root)) reason = 'no build in dist/';
  else if (build === undefined) {
    const built = Math.min(...['registry', 'enrollment'].map((app) => statSync(mainFile(root, app)).mtimeMs));
    const sources = ['apps/registry', 'apps/enrollment', 'libs'].map((d) => newestMtime(join(root, d)));
    if (Math.max(...sources) > built) reason = 'sources are newer than dist/';
  }
  if (!reason) {
    log(`build: ${root}/dist is up to date for registry and enrollment`);
    return;
  }
  if (build === false) throw new Error(`--no-build, but ${root} has no built registry and enrollment`);
  say(`building registry and enrollment in ${root} (${reason})`);
  run('npx', ['nx', 'run-many', '-t', 'build', '-p', 'registry', 'enrollment', '--output-style=static'], 600_000, root, {
    ...process.env,
    NX_NO_CLOUD: 'true',
    NX_DAEMON: process.env.NX_DAEMON ?? 'false',
  });
}

async function checkPostgres(url: string): Promise<void> {
  const client = new Client({ connectionString: `${url}/postgres`, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(`PostgreSQL is not reachable at ${url}: ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The commit measured: the workspace's HEAD (dirty when it has uncommitted changes), or BENCH_COMMIT. */
function gitInfo(root: string): { commit: string; dirty: boolean } {
  const git = (...args: string[]) => spawnSync('git', args, { cwd: root, encoding: 'utf8', timeout: 10_000 });
  const top = git('rev-parse', '--show-toplevel');
  if (process.env.BENCH_COMMIT || top.status !== 0 || resolve(top.stdout.trim()) !== resolve(root)) {
    // Not a checkout of its own (e.g. a `git archive` with node_modules linked): the caller names it.
    return { commit: process.env.BENCH_COMMIT ?? 'unknown', dirty: false };
  }
  const head = git('rev-parse', '--short', 'HEAD');
  const status = git('status', '--porcelain');
  return { commit: head.status === 0 ? head.stdout.trim() : 'unknown', dirty: status.status === 0 && status.stdout.trim().length > 0 };
}

// ---------------------------------------------------------------------------------------------
// Measuring.

interface Context {
  options: BenchOptions;
  kafka: Kafka;
  brokers: string[];
  pgUrl: string;
  suffix: string;
  /** First part of every subject id of this run. */
  tag: string;
  ports: { registry: number; enrollment: number };
  logDir: string;
  problems: string[];
  /** The workspace whose built services are measured. */
  root: string;
}

function waitBounds(ctx: Context, events: number) {
  return { stallMs: ctx.options.stallSeconds * 1_000, maxMs: 120_000 + events * 20, graceMs: GRACE_MS, stop: () => aborted };
}

function progress(label: string, startedAt: number) {
  const tty = process.stderr.isTTY;
  let lastLine = 0;
  return (phase: Phase) => {
    const seconds = (Date.now() - startedAt) / 1000;
    const rate = seconds > 0 ? Math.round(phase.distinct / seconds) : 0;
    const text = `  ${label}: ${phase.distinct.toLocaleString('en-US')}/${phase.expected.toLocaleString('en-US')} after ${seconds.toFixed(1)} s (${rate.toLocaleString('en-US')} ev/s)`;
    if (tty) process.stderr.write(`\r${text}\x1b[K${phase.distinct >= phase.expected ? '\n' : ''}`);
    else if (Date.now() - lastLine > 10_000 || phase.distinct >= phase.expected) {
      lastLine = Date.now();
      log(text);
    }
  };
}

/** Sends the messages as fast as the broker takes them and times until all are on the watched topic. */
async function timedRun(ctx: Context, label: string, load: LoadGenerator, watch: WireWatch, topic: string, messages: OutMessage[], phaseName: string): Promise<{ run: Run; phase: Phase }> {
  const phase = watch.phase(phaseName, messages.length);
  const startedAt = Date.now();
  await load.sendAll(topic, messages);
  const produceSeconds = (Date.now() - startedAt) / 1000;
  const outcome = await watch.settle(phase, { ...waitBounds(ctx, messages.length), onProgress: progress(label, startedAt) });
  checkNotAborted();
  const end = phase.completion();
  const seconds = (end.receivedAt - startedAt) / 1000;
  const arrivals = phase.arrivals();
  const n = arrivals.length;
  const half = Math.floor(n / 2);
  const run: Run = {
    events: messages.length,
    seconds,
    eventsPerSecond: phase.distinct / seconds,
    wireSeconds: (end.recordTimestamp - startedAt) / 1000,
    produceSeconds,
    // Arrivals come in bursts (a fetched batch gets one arrival time): halves, not finer slices.
    firstHalfMsPerEvent: half > 0 ? (arrivals[half - 1] - startedAt) / half : NaN,
    secondHalfMsPerEvent: half > 0 ? (arrivals[n - 1] - arrivals[half - 1]) / (n - half) : NaN,
    outcome,
    missing: phase.missing,
    surplus: phase.surplus,
  };
  if (outcome !== 'complete') log(`  ${label}: ${outcome} with ${phase.missing} of ${phase.expected} missing`);
  return { run, phase };
}


interface LiveStack {
  stack: Stack;
  /** One load generator per stack: a kafkajs producer that once wrote to a deleted topic fails its metadata refreshes. */
  load: LoadGenerator;
  watch: WireWatch;
  ingress: string;
  phases: { label: string; phase: Phase }[];
  teardown: () => Promise<void>;
}

/** A fresh registry + enrollment (own databases and prefix), enrollment holding the reference protocol, a watcher on its topic. */
async function startStack(ctx: Context, name: string): Promise<LiveStack> {
  const stack = new Stack(ctx.root, ctx.suffix, name, ctx.ports, ctx.brokers, ctx.pgUrl, ctx.logDir);
  const watch = new WireWatch(ctx.kafka, `${stack.prefix}bench-watch`, stack.topic(ENROLLMENT_EVENTS), ctx.tag, {
    eventType: 'SubjectScreened',
    deadLetterTopic: stack.topic(ENROLLMENT_DEAD_LETTERS),
  });
  const load = new LoadGenerator(ctx.kafka);
  const live: LiveStack = { stack, load, watch, ingress: stack.topic(INGRESS), phases: [], teardown: async () => undefined };
  const entry = onExit(`tearing down stack ${name}`, async () => {
    await withTimeout('stopping the watcher', watch.stop(), 15_000).catch(() => undefined);
    await withTimeout('stopping the load generator', load.disconnect(), 15_000).catch(() => undefined);
    await stack.stop();
    await withTimeout('deleting topics and groups', deleteWithPrefix(ctx.kafka, stack.prefix), 45_000).catch((e) => log(`clean-up: ${(e as Error).message}`));
    await stack.dropDatabases();
  });
  live.teardown = async () => {
    // Late surplus (a re-sent event after its phase ended) still counts against the phase.
    const lost = stack.deadServices();
    if (lost.length > 0) ctx.problems.push(`stack ${name}: ${lost.join(', ')} exited during the run`);
    for (const { label, phase } of live.phases) {
      if (phase.missing > 0) ctx.problems.push(`${label}: ${phase.missing} of ${phase.expected} events never arrived`);
      if (phase.surplus > 0) ctx.problems.push(`${label}: ${phase.surplus} events arrived more than once (${phase.repeatedEventIds} repeated event ids)`);
    }
    if (watch.deadLetters.length > 0) {
      const first = watch.deadLetters[0];
      ctx.problems.push(`stack ${name}: enrollment dead-lettered ${watch.deadLetters.length} events (first: ${first.key}, ${first.kind}: ${first.reason})`);
    }
    if (watch.strays > 0) ctx.problems.push(`stack ${name}: ${watch.strays} SubjectScreened events for subjects this run never sent`);
    await undo(entry);
  };
  say(`starting registry and enrollment (stack ${name}, topic prefix ${stack.prefix})`);
  const started = Date.now();
  await stack.start();
  await stack.waitForProtocol();
  await watch.start();
  await withTimeout('connecting the load generator', load.connect(), 30_000);
  log(`  ready with ${TRIAL}'s protocol in enrollment after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  // Untimed events first, so the measured runs start warm (JIT, connection pools, fetch sessions).
  if (ctx.options.warmup > 0) await measuredRun(ctx, live, `stack ${name} warm-up`, screeningMessages(TRIAL, ctx.tag, 'w', ctx.options.warmup), 'w');
  return live;
}

async function measuredRun(ctx: Context, live: LiveStack, label: string, messages: OutMessage[], phaseName: string): Promise<Run> {
  const { run, phase } = await timedRun(ctx, label, live.load, live.watch, live.ingress, messages, phaseName);
  live.phases.push({ label, phase });
  return run;
}

/** The run with the median rate (the lower middle one of an even number). */
function medianRun(runs: Run[]): Run {
  return [...runs].sort((a, b) => a.eventsPerSecond - b.eventsPerSecond)[Math.floor((runs.length - 1) / 2)];
}

/** The bare loop in its own process, over the same messages on topics of their own with the same partition count. */
async function bareRun(ctx: Context, repetition: number, warmup: OutMessage[], messages: OutMessage[], phaseName: string): Promise<Run> {
  const prefix = `bench-${ctx.suffix}-bare${repetition}.`;
  const input = `${prefix}baseline.in`;
  const output = `${prefix}baseline.out`;
  const watch = new WireWatch(ctx.kafka, `${prefix}bench-watch`, output, ctx.tag);
  const load = new LoadGenerator(ctx.kafka);
  const entry = onExit('removing the bare loop topics', async () => {
    await withTimeout('stopping the watcher', watch.stop(), 15_000).catch(() => undefined);
    await withTimeout('stopping the load generator', load.disconnect(), 15_000).catch(() => undefined);
    await deleteWithPrefix(ctx.kafka, prefix);
  });
  await createTopics(ctx.kafka, [input, output], PARTITIONS);

  checkNotAborted(); // no await between the spawn and its clean-up entry below
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, 'bare-loop.ts')], {
    cwd: WORKSPACE,
    env: {
      ...process.env,
      TS_NODE_PROJECT: join(WORKSPACE, 'tsconfig.base.json'),
      BARE_LOOP_BROKERS: ctx.brokers.join(','),
      BARE_LOOP_INPUT: input,
      BARE_LOOP_OUTPUT: output,
      BARE_LOOP_GROUP: `${prefix}bare-loop`,
      BARE_LOOP_MAX_MS: String(waitBounds(ctx, messages.length).maxMs + 120_000),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((done) => child.on('exit', () => done()));
  const childEntry = onExit('stopping the bare loop', async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.send({ stop: true });
      const ended = await Promise.race([exited.then(() => true), sleep(15_000).then(() => false)]);
      if (!ended) child.kill('SIGKILL');
    }
  });
  await withTimeout(
    'the bare loop joining its group',
    new Promise<void>((ready, fail) => {
      child.on('message', (m: { ready?: boolean; error?: string }) => (m.ready ? ready() : m.error ? fail(new Error(`bare loop: ${m.error}`)) : undefined));
      void exited.then(() => fail(new Error('the bare loop exited before it was ready')));
    }),
    60_000,
  );
  await watch.start();
  await withTimeout('connecting the load generator', load.connect(), 30_000);
  const phases: Phase[] = [];
  if (warmup.length > 0) {
    const w = await timedRun(ctx, `bare loop ${repetition} warm-up`, load, watch, input, warmup, 'w');
    phases.push(w.phase);
  }
  const { run, phase } = await timedRun(ctx, `bare loop ${repetition}`, load, watch, input, messages, phaseName);
  phases.push(phase);
  await undo(childEntry);
  for (const p of phases) {
    if (p.missing > 0) ctx.problems.push(`bare loop ${repetition} (${p.name}): ${p.missing} of ${p.expected} messages never arrived`);
    if (p.surplus > 0) ctx.problems.push(`bare loop ${repetition} (${p.name}): ${p.surplus} messages arrived more than once`);
  }
  await undo(entry);
  return run;
}

/**
 * Section 1 leaves hundreds of MB of the databases' writes in the OS page cache. Linux writes a
 * dirty page back 30 s later, in waves every 5 s (vm.dirty_expire/writeback_centisecs), so without
 * this the latency run, which starts about then, measures commits waiting behind that writeback
 * rather than a steady offered rate.
 */
function flushPageCache(): void {
  const started = Date.now();
  execFileSync('sync');
  log(`  wrote the page cache's dirty pages to disk first (sync, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

/** A fixed offered rate; latency of each event from its send to its SubjectScreened. */
async function latencyRun(ctx: Context, live: LiveStack): Promise<NonNullable<Results['latency']>> {
  const { rate, seconds } = ctx.options;
  const total = Math.max(1, Math.round(rate * seconds));
  const messages = screeningMessages(TRIAL, ctx.tag, 'l', total);
  const phase = live.watch.phase('l', total);
  live.phases.push({ label: 'latency run', phase });
  const sentAt = new Float64Array(total);
  const sends: Promise<unknown>[] = [];
  const startedAt = Date.now();
  let sent = 0;
  while (sent < total) {
    checkNotAborted();
    const due = Math.min(total, Math.floor(((Date.now() - startedAt) * rate) / 1000) + 1);
    if (due > sent) {
      const now = Date.now();
      sentAt.fill(now, sent, due);
      sends.push(live.load.send(live.ingress, messages.slice(sent, due)));
      sent = due;
    }
    const nextDue = startedAt + (sent * 1000) / rate;
    await sleep(Math.max(1, nextDue - Date.now()));
  }
  const sendSeconds = (Date.now() - startedAt) / 1000;
  await withTimeout('the load generator', Promise.all(sends), 60_000);
  const outcome = await live.watch.settle(phase, { ...waitBounds(ctx, total), onProgress: progress('latency run', startedAt) });
  checkNotAborted();
  if (outcome !== 'complete') log(`  latency run: ${outcome} with ${phase.missing} of ${total} missing`);
  const received: number[] = [];
  const wire: number[] = [];
  for (let i = 0; i < total; i++) {
    if (phase.copies[i] === 0) continue;
    received.push(phase.receivedAt[i] - sentAt[i]);
    wire.push(phase.recordTimestamp[i] - sentAt[i]);
  }
  const receivedP = percentiles(received);
  return {
    offeredRate: rate,
    seconds,
    sent: total,
    achievedRate: total / sendSeconds,
    received: receivedP,
    wire: percentiles(wire),
    target: { p99Ms: P99_TARGET_MS },
    meetsTarget: receivedP.p99 <= P99_TARGET_MS,
    missing: phase.missing,
    surplus: phase.surplus,
  };
}

// Section 4, timer lateness: timer-lateness.ts schedules durable timers through the platform library
// in a process of its own (no service schedules timers from outside), on a database and topic prefix
// of its own, and reads the events they fire off the wire.
const TIMER_P99_TARGET_MS = 1000;

async function dropDatabase(pgUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: `${pgUrl}/postgres` });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Runs tools/bench/timer-lateness.ts in its own process on a database and topic prefix of its own. */
async function measureTimerLateness(ctx: Context): Promise<Results['timers']> {
  const count = ctx.options.quick ? 500 : 10_000;
  const windowMs = ctx.options.quick ? 2_000 : 10_000;
  const database = `trialstream_bench_${ctx.suffix}_timers`;
  const prefix = `bench-${ctx.suffix}-timers.`;
  const entry = onExit('removing the timer database and topics', async () => {
    await deleteWithPrefix(ctx.kafka, prefix);
    await dropDatabase(ctx.pgUrl, database);
  });
  checkNotAborted();
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, 'timer-lateness.ts')], {
    cwd: WORKSPACE,
    env: {
      ...process.env,
      TS_NODE_PROJECT: join(WORKSPACE, 'tsconfig.base.json'),
      BENCH_ROOT: ctx.root,
      TIMER_DATABASE_URL: `${ctx.pgUrl}/${database}`,
      TIMER_BROKERS: ctx.brokers.join(','),
      TIMER_PREFIX: prefix,
      TIMER_COUNT: String(count),
      TIMER_WINDOW_MS: String(windowMs),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await withTimeout('the timer lateness run', new Promise<number | null>((done) => child.on('exit', (c) => done(c))), 5 * 60_000).catch((error) => {
    child.kill('SIGKILL');
    throw error;
  });
  await undo(entry);
  const last = output.trim().split('\n').pop() ?? '';
  if (code !== 0 || !last.startsWith('{')) throw new Error(`the timer lateness run failed (exit ${code})`);
  const measured: { fired: number[]; onWire: number[]; missing: number; doubled: number } = JSON.parse(last);
  if (measured.missing > 0) ctx.problems.push(`section 4: ${measured.missing} of ${count} timer events never arrived`);
  const fired = percentiles(measured.fired);
  return {
    status: 'measured',
    note: 'the platform library in-process: durable timers, scheduler, outbox and relay on a database of their own',
    count,
    windowMs,
    fired,
    onWire: percentiles(measured.onWire),
    missing: measured.missing,
    doubled: measured.doubled,
    targetP99Ms: TIMER_P99_TARGET_MS,
    meetsTarget: fired.p99 <= TIMER_P99_TARGET_MS,
  };
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const parsed = parseOptions(process.argv.slice(2), process.env);
  if (parsed === 'help') {
    console.log(USAGE);
    return 0;
  }
  const options = parsed;
  const brokers = loopbackBrokers(process.env);
  const pgUrl = postgresUrl(process.env);
  const began = Date.now();
  const outDir = resolve(process.cwd(), options.out);

  // Everything below is bounded by its own timeouts; this is the backstop that ends the run regardless.
  const everyEvent = options.events * 2 * options.runs + options.sizes.reduce((s, n) => s + n, 0) + options.warmup * (2 + options.runs + options.sizes.length) + options.rate * options.seconds;
  const budgetMs = 10 * 60_000 + everyEvent * 25;
  setTimeout(() => abort(`still running after ${Math.round(budgetMs / 60_000)} min, giving up`, 1), budgetMs).unref();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => abort(signal, 130));

  ensureBroker();
  const root = resolve(process.cwd(), options.workspace ?? WORKSPACE);
  ensureBuilt(root, options.build);
  await checkPostgres(pgUrl);

  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const kafka = kafkaClient(brokers, 'trialstream-bench');
  const taken = new Set<number>();
  const ctx: Context = {
    options,
    kafka,
    brokers,
    pgUrl,
    suffix,
    tag: `b${suffix}`,
    ports: { registry: await freePort(3201, taken), enrollment: await freePort(3202, taken) },
    logDir: join(WORKSPACE, '.run/bench', suffix),
    problems: [],
    root,
  };
  const git = gitInfo(root);
  const results: Results = {
    benchmark: 'trialstream platform (registry + enrollment) vs bare kafkajs loop',
    label: [options.quick ? 'quick run (CI smoke; figures indicative only)' : 'full run', options.label].filter(Boolean).join(', '),
    measuredAt: new Date().toISOString(),
    commit: git.commit,
    dirty: git.dirty,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, platform: process.platform },
    options: { ...options, workspace: root, brokers, partitions: PARTITIONS },
    services: {
      started: ['registry', 'enrollment'],
      env: {
        DATABASE_URL: `${pgUrl}/trialstream_bench_<run>_<stack>_<app>`,
        KAFKA_BROKERS: brokers.join(','),
        KAFKA_TOPIC_PREFIX: 'bench-<run>-<stack>.',
        HTTP_HOST: '127.0.0.1',
        HTTP_PORT: `registry ${ctx.ports.registry}, enrollment ${ctx.ports.enrollment}`,
        ...Object.fromEntries(Object.entries(process.env).filter(([k]) => PASSED_THROUGH.test(k))),
      },
      note: 'every other setting is the service default of the commit measured',
    },
    timers: { status: 'not measured yet', note: '' },
    problems: ctx.problems,
    durationSeconds: 0,
  };
  log(`bench: run ${suffix}; service logs in ${ctx.logDir}`);

  // Sections 1 and 2 share one stack; each size of section 3 gets a fresh one.
  try {
    const shared = await startStack(ctx, 'main');
    try {
      say(`1. throughput: ${options.events.toLocaleString('en-US')} screenings through the platform, then through the bare loop`);
      // Platform and bare runs alternate, so a machine that speeds up or slows down during the
      // section moves both medians alike; one run of either varies by 10-20 % here.
      const platformRuns: Run[] = [];
      const bareRuns: Run[] = [];
      for (let k = 1; k <= options.runs; k++) {
        const messages = screeningMessages(TRIAL, ctx.tag, `t${k}`, options.events);
        platformRuns.push(await measuredRun(ctx, shared, `platform ${k}`, messages, `t${k}`));
        bareRuns.push(await bareRun(ctx, k, screeningMessages(TRIAL, ctx.tag, 'w', options.warmup), messages, `t${k}`));
      }
      const platform = medianRun(platformRuns);
      const bare = medianRun(bareRuns);
      const ratio = platform.eventsPerSecond / bare.eventsPerSecond;
      results.throughput = { events: options.events, partitions: PARTITIONS, platform, platformRuns, bare, bareRuns, ratio, target: RATIO_TARGET, meetsTarget: ratio >= RATIO_TARGET };

      say(`2. latency: ${options.rate} screenings/s for ${options.seconds} s`);
      flushPageCache();
      results.latency = await latencyRun(ctx, shared);
    } finally {
      await shared.teardown();
    }
  } catch (error) {
    if (error instanceof Aborted) throw error;
    ctx.problems.push(`sections 1-2: ${(error as Error).message}`);
    log(`bench: ${(error as Error).message}`);
  }

  try {
    say(`3. cost as work grows: ${options.sizes.map((s) => s.toLocaleString('en-US')).join(', ')} screenings, fresh databases each`);
    const runs: NonNullable<Results['scaling']>['runs'] = [];
    for (const [i, size] of options.sizes.entries()) {
      const live = await startStack(ctx, `s${i + 1}`);
      try {
        const run = await measuredRun(ctx, live, `${size.toLocaleString('en-US')} events`, screeningMessages(TRIAL, ctx.tag, 's', size), 's');
        runs.push({ ...run, size, msPerEvent: (run.seconds * 1000) / (run.events - run.missing) });
      } finally {
        await live.teardown();
      }
    }
    const largest = runs[runs.length - 1];
    const growthPercent = (largest.msPerEvent / runs[0].msPerEvent - 1) * 100;
    const largestRunDriftPercent = (largest.secondHalfMsPerEvent / largest.firstHalfMsPerEvent - 1) * 100;
    results.scaling = { runs, growthPercent, largestRunDriftPercent, targetPercent: GROWTH_TARGET_PERCENT, meetsTarget: growthPercent <= GROWTH_TARGET_PERCENT };
  } catch (error) {
    if (error instanceof Aborted) throw error;
    ctx.problems.push(`section 3: ${(error as Error).message}`);
    log(`bench: ${(error as Error).message}`);
  }

  say('4. timer lateness');
  try {
    results.timers = await measureTimerLateness(ctx);
    log(`  fired p99 ${Math.round(results.timers.fired?.p99 ?? 0)} ms, on the wire p99 ${Math.round(results.timers.onWire?.p99 ?? 0)} ms`);
  } catch (error) {
    if (error instanceof Aborted) throw error;
    ctx.problems.push(`section 4: ${(error as Error).message}`);
    results.timers = { status: 'failed', note: (error as Error).message };
  }

  await cleanUpAll();
  results.durationSeconds = Math.round((Date.now() - began) / 1000);

  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(outDir, 'results.md'), `${markdownTable(results)}\n`);
  writeFileSync(join(outDir, 'chart.svg'), chartSvg(results));

  console.log(`\n${textTable(results)}\n`);
  console.log(`wrote ${join(options.out, 'results.json')}, results.md and chart.svg; took ${results.durationSeconds} s`);
  if (ctx.problems.length > 0) {
    console.log(`\nFAILED: ${ctx.problems.length} problem(s):`);
    for (const problem of ctx.problems) console.log(`  - ${problem}`);
    return 1;
  }
  console.log('no events lost or duplicated on the wire (figures are reported, never asserted)');
  return 0;
}

main()
  .catch((error) => {
    if (!aborted) log(`bench: ${(error as Error).message}`);
    return 1;
  })
  .then(async (code) => {
    await cleanUpAll();
    process.exit(aborted ? 130 : code);
  });
