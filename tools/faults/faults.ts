import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { TOPICS } from '@trialstream/contracts';
import { LoadGenerator, mainFile, postgresUrl, type ServiceInstance } from '@trialstream/testing';
import { checkPhase, checkPlatform } from './invariants';
import { consumerGroups, whereOnTopic } from './evidence';
import { enrollmentView, infusionView, platformView, safetyView } from './observe';
import { parseFaultOptions, USAGE, type FaultOptions } from './options';
import { AHEAD_OF_ENROLLMENT, FAULT_PHASES, NETWORK_PARTITION, POSTGRES_CRASH, type FaultContext, type FaultPhase } from './phases';
import { FaultPlatform, SERVICES, TRIAL, WORKSPACE } from './platform';
import { PrivatePostgres } from './postgres';
import { faultTable, markdownFaultTable, type FaultRow } from './report';
import { phaseTraffic, subjectOf, type PhaseTraffic, type WireMessage } from './traffic';

/**
 * npm run faults: the four services under a stream of sponsor traffic, one fault per phase, then
 * the invariant checker over every database and topic. Exits 1 on anything lost, duplicated or
 * out of line; cleans up topics, groups, databases, broker and processes on every way out.
 */

const log = (line: string) => console.log(line);
let platform: FaultPlatform | undefined;
let removing: Promise<void> | undefined;

function removePlatform(): Promise<void> {
  removing ??= (platform?.remove() ?? Promise.resolve()).catch((error) => log(`clean-up: ${(error as Error).message}`));
  return removing;
}

async function bounded(what: string, probe: () => Promise<boolean>, timeoutMs: number, intervalMs = 200): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await probe().catch(() => false)) return Date.now() - started;
    await sleep(intervalMs);
  }
  throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
}

/** SubjectScreened published for the phase's subjects: the phase's screenings answered on the wire. */
async function answered(p: FaultPlatform, tag: string, phase: string): Promise<number> {
  const [{ n }] = await p.databases.enrollment.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM outbox_message WHERE event_type = 'SubjectScreened' AND message_key LIKE $1 AND published_at IS NOT NULL`,
    [`${tag}-${phase}-%`],
  );
  return n;
}

async function reportsTakenIn(p: FaultPlatform, traffic: PhaseTraffic): Promise<number> {
  if (traffic.adverseEvents.length === 0) return 0;
  const [{ n }] = await p.databases.safety.query<{ n: number }>(`SELECT count(DISTINCT report_id)::int AS n FROM ae_case_version WHERE report_id = ANY($1)`, [traffic.adverseEvents.map((a) => a.reportId)]);
  return n;
}

/** The inputs of a phase the platform must act on (copies and poison aside). */
const inputs = (traffic: PhaseTraffic) => traffic.screenings.length + traffic.adverseEvents.length + siteReports(traffic).length;

const siteReports = (traffic: PhaseTraffic) => [...traffic.infusions, ...traffic.followUps].map((r) => r.eventId);

/** Infusion reports and follow-up visits of the phase whose InfusionAdministered or FollowUpVisitRecorded is published. */
async function siteReportsAnswered(p: FaultPlatform, traffic: PhaseTraffic): Promise<number> {
  const reports = siteReports(traffic);
  if (reports.length === 0) return 0;
  const [{ n }] = await p.databases.infusionTracking.query<{ n: number }>(
    `SELECT count(DISTINCT envelope->>'causationId')::int AS n FROM outbox_message
      WHERE event_type IN ('InfusionAdministered', 'FollowUpVisitRecorded') AND published_at IS NOT NULL AND envelope->>'causationId' = ANY($1)`,
    [reports],
  );
  return n;
}

/** Where a phase that does not finish is stuck, for the failure message. */
async function stuck(p: FaultPlatform, tag: string, traffic: PhaseTraffic): Promise<string> {
  const parked = await p.databases.safety.query<{ reason: string; n: number }>(`SELECT reason, count(*)::int AS n FROM parked_event GROUP BY reason`);
  const [unpublished] = await p.databases.enrollment.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_message WHERE published_at IS NULL`);
  const { phase, screenings, adverseEvents } = traffic;
  return `${await answered(p, tag, phase)} of ${screenings.length} screenings answered, ${await reportsTakenIn(p, traffic)} of ${adverseEvents.length} adverse events taken in,` +
    ` ${await siteReportsAnswered(p, traffic)} of ${siteReports(traffic).length} infusions and follow-up visits answered;` +
    ` enrollment outbox unpublished ${unpublished.n}; parked in safety: ${JSON.stringify(parked)}`;
}

async function enroll(p: FaultPlatform, subjectId: string): Promise<boolean> {
  const enrollment = p.live('enrollment');
  const consent = await enrollment.request('POST', `/trials/${TRIAL}/subjects/${subjectId}/consent`, 'sponsor-system', { consentVersion: '1.0', consentDate: '2015-05-30' });
  if (consent.status >= 300) throw new Error(`consent of ${subjectId} refused (${consent.status}): ${JSON.stringify(consent.body)}`);
  const enrolled = await enrollment.request('POST', `/trials/${TRIAL}/subjects/${subjectId}/enrollment`, 'sponsor-system', { plannedFirstInfusionDate: '2015-06-08' });
  return enrolled.status < 300;
}

/** A send during a fault: its messages' keys and the broker's answer (partition, base offset, error code). */
interface AcknowledgedSend {
  keys: string[];
  /** Partitions whose messages had to be sent again, unacknowledged the first time. */
  resentTo: string[];
}

interface RunState {
  options: FaultOptions;
  /** What the broker acknowledged for the sends made while a fault lasted (kept for evidence.json). */
  acknowledged: { phase: string; sends: AcknowledgedSend[] }[];
  ctx: FaultContext;
  tag: string;
  load: LoadGenerator;
  sent: PhaseTraffic[];
  enrollmentsAttempted: number;
  enrolled: string[];
  /** Subjects whose infusions a phase reported. */
  infused: string[];
}

type MeasuredPhase = Omit<FaultRow, 'lost' | 'duplicated' | 'redelivered' | 'problems'> & { stuck?: string };
type CheckedPhase = FaultRow & { lostSubjects: string[] };

async function runPhase(state: RunState, phase: FaultPhase): Promise<MeasuredPhase> {
  const p = state.ctx.platform;
  const fault = phase.name === 'broker' ? p.brokerFault : phase.fault;
  log(`phase ${phase.name}: ${fault}`);
  await phase.before?.(state.ctx);
  const ahead = Array.from({ length: phase.reportsAheadOfEnrollment ?? 0 }, (_, n) => subjectOf(state.tag, phase.name, n));
  const adverseEventsOf = phase.adverseEvents ? await enrollForReports(state, phase.adverseEvents) : ahead.length ? ahead : undefined;
  const infusionsOf = phase.infusionsOf ? await plannedForInfusions(state, phase.infusionsOf) : undefined;
  const traffic = phaseTraffic({ tag: state.tag, trialId: TRIAL, phase: phase.name, subjects: state.options.subjectsPerPhase, ...phase.traffic, adverseEventsOf, infusionsOf });
  state.sent.push(traffic);
  const expected = traffic.screenings.length;
  const sentAt = Date.now();
  let injectedAt = sentAt;
  let inFlight: number | undefined;
  if (!phase.inject) {
    await state.load.sendAll(p.ingress, traffic.messages, 200, 1);
  } else {
    // Half the phase goes out; once the platform is answering it the fault hits, and the other half
    // is sent while the fault lasts (retried while the broker is away).
    const half = Math.ceil(traffic.messages.length / 2);
    await state.load.sendAll(p.ingress, traffic.messages.slice(0, half), 200, 1);
    await bounded(`phase ${phase.name} being answered`, async () => (await answered(p, state.tag, phase.name)) > 0, 60_000, 10);
    // Unanswered when the fault hits: what is in the topic, in a batch or in the outbox, and the half being sent.
    inFlight = inputs(traffic) - (await answered(p, state.tag, phase.name)) - (await reportsTakenIn(p, traffic)) - (await siteReportsAnswered(p, traffic));
    injectedAt = Date.now();
    // Both settle before either's failure ends the phase: the sender must not outlive the run's producer.
    const [injected, sent] = await Promise.allSettled([phase.inject(state.ctx), sendDuringFault(state.load, p.ingress, traffic.messages.slice(half))]);
    if (injected.status === 'rejected') throw injected.reason;
    if (sent.status === 'rejected') throw sent.reason;
    const acknowledged = sent.value;
    state.acknowledged.push({ phase: phase.name, sends: acknowledged });
  }
  for (const subjectId of ahead) {
    // The subject's adverse event is already on its way: the report waits (parked) for the enrollment.
    await bounded(`${subjectId} screened`, async () => (await p.databases.enrollment.query('SELECT 1 FROM subject WHERE subject_id = $1', [subjectId])).length > 0, 60_000);
    state.enrollmentsAttempted++;
    if (!(await enroll(p, subjectId))) throw new Error(`enrollment of ${subjectId} refused below the target`);
    state.enrolled.push(subjectId);
  }
  const aes = traffic.adverseEvents.length;
  const reports = siteReports(traffic).length;
  const measured: MeasuredPhase = { phase: phase.name, fault, accepted: inputs(traffic), inFlight };
  const limitMs = state.options.quick ? 120_000 : 300_000;
  try {
    await bounded(
      `every input of phase ${phase.name} answered`,
      async () => (await answered(p, state.tag, phase.name)) === expected && (await reportsTakenIn(p, traffic)) === aes && (await siteReportsAnswered(p, traffic)) === reports,
      limitMs,
    );
  } catch (error) {
    // A phase that never catches up is a finding: the checker counts what is missing; the run goes on.
    measured.stuck = `${(error as Error).message}: ${await stuck(p, state.tag, traffic)}`;
    log(`  ${measured.stuck}`);
    return measured;
  }
  const recoverMs = Date.now() - injectedAt;
  log(`  ${expected} screenings, ${aes} adverse events and ${reports} infusions and follow-up visits answered ${(recoverMs / 1000).toFixed(1)} s after the ${phase.inject ? 'fault' : 'send'}`);
  // The baseline has no fault to recover from; every other phase does (injected, or in its traffic).
  return { ...measured, recoverMs: phase.name === 'calm' ? undefined : recoverMs };
}

/** Sends chunk by chunk, each retried until the broker takes it (bounded): a sponsor's system keeps trying. */
async function sendDuringFault(load: LoadGenerator, topic: string, messages: WireMessage[]): Promise<AcknowledgedSend[]> {
  const deadline = Date.now() + 120_000;
  const acknowledged: AcknowledgedSend[] = [];
  for (let i = 0; i < messages.length; i += 100) {
    const chunk = messages.slice(i, i + 100);
    for (;;) {
      try {
        const sent = await load.send(topic, chunk);
        acknowledged.push({ keys: chunk.map((m) => m.key), ...sent });
        // tulios/kafkajs#1303: kafkajs resolved without these partitions' acknowledgements; the load generator sent them again.
        if (sent.resentTo.length) log(`  messages ${i}-${i + chunk.length - 1}: ${sent.resentTo.join(', ')} unacknowledged at first, sent again`);
        break;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`the broker did not take the phase's messages back within 120 s: ${(error as Error).message}`);
        // Logged: a message missing later was then either refused here and re-sent, or acknowledged and lost.
        log(`  sending messages ${i}-${i + chunk.length - 1} of the fault's half failed (${(error as Error).message}); again in 0.5 s`);
        await sleep(500);
      }
    }
  }
  return acknowledged;
}

/** Consumer groups and where the lost inputs are on the ingress topic, into the run's log directory. */
async function writeEvidence(p: FaultPlatform, logDir: string, checked: CheckedPhase[], acknowledged: RunState['acknowledged']): Promise<void> {
  const lost = checked.flatMap((c) => c.lostSubjects);
  const lostSet = new Set(lost);
  const evidence = {
    groups: await consumerGroups(p.kafka, p.prefix),
    lostOnIngress: await whereOnTopic(p.kafka, p.ingress, lost, p.prefix),
    // The sends that carried a lost input, with what the broker answered for them.
    acknowledgedSends: acknowledged.flatMap((a) => a.sends.filter((s) => s.keys.some((k) => lostSet.has(k))).map((s) => ({ phase: a.phase, ...s }))),
  };
  writeFileSync(join(logDir, 'evidence.json'), `${JSON.stringify(evidence, null, 2)}\n`);
  const lagging = evidence.groups.flatMap((g) => g.partitions.filter((q) => q.lag > 0).map((q) => `${g.groupId.slice(p.prefix.length)} ${q.topic.slice(p.prefix.length)}[${q.partition}] lag ${q.lag}`));
  log(`evidence in ${join(logDir, 'evidence.json')}: ${lost.length} lost input(s), ${evidence.lostOnIngress.absent.length} of them absent from the ingress topic; lagging: ${lagging.join('; ') || 'none'}`);
}

/** Subjects screened eligible once in the first phase and not enrolled yet: the ones to enroll. */
function enrollable(state: RunState): string[] {
  const decisions = new Map<string, boolean[]>();
  for (const s of state.sent[0].screenings) decisions.set(s.subjectId, [...(decisions.get(s.subjectId) ?? []), s.eligible]);
  return [...decisions].filter(([subjectId, d]) => d.length === 1 && d[0] && !state.enrolled.includes(subjectId)).map(([subjectId]) => subjectId);
}

/**
 * Enrolls subjects of the first phase before a phase that reports adverse events of them, and waits
 * until safety knows them: a report ahead of its subject's enrollment would wait behind itself
 * (see docs/faults.md, the parked-key finding).
 */
async function enrollForReports(state: RunState, count: number): Promise<string[]> {
  const p = state.ctx.platform;
  const subjects = await enrollNow(state, count);
  await bounded(`safety to know the ${count} subjects enrolled`, async () => {
    const rows = await p.databases.safety.query('SELECT 1 FROM known_subject WHERE subject_id = ANY($1)', [subjects]);
    return rows.length === subjects.length;
  }, 60_000);
  return subjects;
}

/**
 * The subjects to infuse (enrolled and not infused yet, or this many enrolled now), once infusion
 * tracking has planned their infusions: a report ahead of its plan is refused.
 */
async function plannedForInfusions(state: RunState, which: 'enrolled' | number): Promise<string[]> {
  const subjects = which === 'enrolled' ? state.enrolled.filter((s) => !state.infused.includes(s)) : await enrollNow(state, which);
  state.infused.push(...subjects);
  await bounded(`infusion tracking to plan the ${subjects.length} subjects enrolled`, async () => {
    const rows = await state.ctx.platform.databases.infusionTracking.query('SELECT DISTINCT subject_id FROM subject_visit_plan WHERE subject_id = ANY($1)', [subjects]);
    return rows.length === subjects.length;
  }, 60_000);
  return subjects;
}

/** Enrolls subjects of the first phase, one after the other, below the target. */
async function enrollNow(state: RunState, count: number): Promise<string[]> {
  const subjects = enrollable(state).slice(0, count);
  for (const subjectId of subjects) {
    state.enrollmentsAttempted++;
    if (!(await enroll(state.ctx.platform, subjectId))) throw new Error(`enrollment of ${subjectId} refused below the target`);
    state.enrolled.push(subjectId);
  }
  return subjects;
}

/** Enrolls up to the target and five more at once: the cap must hold under concurrent requests. */
async function enrollToTarget(state: RunState): Promise<void> {
  const p = state.ctx.platform;
  const [{ target }] = await p.databases.enrollment.query<{ target: number }>('SELECT enrollment_target AS target FROM trial_enrollment_policy WHERE trial_id = $1', [TRIAL]);
  const wanted = enrollable(state).slice(0, target - state.enrolled.length + 5);
  log(`enrollment cap: ${wanted.length} enrollments at once against ${target - state.enrolled.length} places left`);
  const results = await Promise.all(wanted.map(async (subjectId) => ((await enroll(p, subjectId)) ? subjectId : undefined)));
  state.enrollmentsAttempted += wanted.length;
  state.enrolled.push(...results.filter((s): s is string => s !== undefined));
}

/**
 * The run's phases in order, as the options select them; an unknown name is an error before anything
 * starts. The baseline always runs first: the subjects later phases enroll are screened in it.
 */
function selectedPhases(options: FaultOptions): FaultPhase[] {
  const all = [...FAULT_PHASES, AHEAD_OF_ENROLLMENT, ...(options.postgresRestartPort ? [POSTGRES_CRASH] : []), ...(options.netns ? [NETWORK_PARTITION] : [])];
  const unknown = (options.phases ?? []).filter((name) => !all.some((phase) => phase.name === name));
  if (unknown.length) throw new Error(`--phases: no phase ${unknown.join(', ')} in this run; phases: ${all.map((phase) => phase.name).join(', ')}`);
  return options.phases ? all.filter((phase) => phase.name === 'calm' || options.phases?.includes(phase.name)) : all;
}

async function main(): Promise<number> {
  const options = parseFaultOptions(process.argv.slice(2));
  if (options === 'help') {
    log(USAGE);
    return 0;
  }
  const phases = selectedPhases(options);
  const began = Date.now();
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const pgUrl = postgresUrl(process.env);
  if (!SERVICES.every((app) => existsSync(mainFile(WORKSPACE, app)))) {
    throw new Error('no build in dist/: run `npx nx run-many -t build` first');
  }
  const logDir = join(WORKSPACE, '.run/faults', suffix);
  platform = new FaultPlatform({ suffix, brokerPort: options.brokerPort, controllerPort: options.controllerPort, cluster: options.cluster, netns: options.netns, httpPortBase: options.httpPortBase, pgUrl, logDir,
    privatePostgres: options.postgresRestartPort ? new PrivatePostgres(options.postgresRestartPort) : undefined,
  });
  const p = platform;
  const budgetMs = (options.quick ? 6 : 30) * 60_000;
  setTimeout(() => {
    log(`faults: still running after ${budgetMs / 60_000} min, giving up`);
    void removePlatform().finally(() => process.exit(1));
  }, budgetMs).unref();

  log(`faults: run ${suffix}, ${options.cluster ? 'three brokers' : 'broker'} ${p.brokers.join(',')}, logs in ${logDir}`);
  await p.start();
  const registry = p.live('registry');
  const enrollment = p.live('enrollment');
  await bounded('the reference protocol in enrollment', async () => (await enrollment.get(`/trials/${TRIAL}/enrollment-policy`)).status === 200, 60_000);
  const opened = await registry.request('POST', `/trials/${TRIAL}/status`, 'sponsor-system', { status: 'RECRUITING', reason: 'recruitment opens' });
  if (opened.status >= 300) throw new Error(`registry refused to open recruitment (${opened.status}): ${JSON.stringify(opened.body)}`);
  await bounded('enrollment to see the trial recruiting', async () => ((await enrollment.request('GET', `/trials/${TRIAL}`, 'data-manager')).body as { overallStatus?: string }).overallStatus === 'RECRUITING', 60_000);

  const load = new LoadGenerator(p.kafka);
  await load.connect();
  const state: RunState = { options, ctx: { platform: p, killed: new Set<ServiceInstance>(), log }, tag: `F${suffix}`, load, sent: [], acknowledged: [], enrollmentsAttempted: 0, enrolled: [], infused: [] };
  const measured: MeasuredPhase[] = [];
  const problems: string[] = [];
  try {
    for (const phase of phases) {
      measured.push(await runPhase(state, phase));
      const dead = p.deadInstances(state.ctx.killed);
      if (dead.length) problems.push(`after phase ${phase.name}: ${dead.join(', ')} exited on its own`);
    }
    await enrollToTarget(state);
  } finally {
    await load.disconnect();
  }

  log('settling: waiting for the read models to agree and the outboxes to drain');
  const settled = await bounded(
    'the platform to settle',
    async () => {
      const view = await platformView(p.databases, TRIAL);
      return checkPlatform(view, state.enrollmentsAttempted).length === 0;
    },
    90_000,
    500,
  ).catch((error: Error) => error);
  if (settled instanceof Error) log(`  ${settled.message}; checking what is there`);

  log('checking invariants over every database and topic');
  const groupPrefix = p.prefix;
  const enrollmentSeen = await enrollmentView(p.databases.enrollment, p.kafka, { events: p.topic(TOPICS.enrollmentEvents), deadLetters: p.deadLetters('enrollment') }, groupPrefix);
  const safetySeen = await safetyView(p.databases.safety);
  const infusionSeen = await infusionView(p.databases.infusionTracking, p.kafka, p.topic(TOPICS.infusionEvents), groupPrefix);
  const checked: CheckedPhase[] = measured.map(({ stuck: _, ...m }, i) => ({ ...m, ...checkPhase(state.sent[i], enrollmentSeen, safetySeen, infusionSeen) }));
  const rows: FaultRow[] = checked.map(({ lostSubjects: _, ...row }) => row);
  problems.push(...measured.flatMap((m) => (m.stuck ? [`${m.fault}: ${m.stuck}`] : [])));
  const platformSeen = await platformView(p.databases, TRIAL);
  problems.push(...checkPlatform(platformSeen, state.enrollmentsAttempted));
  for (const row of rows) problems.push(...row.problems.map((problem) => `${row.fault}: ${problem}`));
  problems.push(...p.deadInstances(state.ctx.killed).map((s) => `${s} exited on its own`));

  // Every message put on the ingress topic: inputs, their copies and the poison.
  const events = state.sent.reduce((sum, t) => sum + t.messages.length, 0);
  const results = {
    run: suffix,
    label: [options.quick ? 'quick run (CI)' : 'full run', options.cluster ? `three-broker cluster${options.netns ? ' in network namespaces' : ''}` : 'one broker'].join(', '),
    measuredAt: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version },
    eventsSent: events,
    rows,
    enrollment: { target: platformSeen.enrollmentTarget, attempted: state.enrollmentsAttempted, enrolled: platformSeen.enrolled.enrollment.length, closedEvents: platformSeen.enrollmentClosedEvents },
    readModels: { enrollment: platformSeen.enrolled.enrollment.length, infusionTracking: platformSeen.enrolled.infusionTracking.length, safety: platformSeen.enrolled.safety.length },
    timers: platformSeen.timers,
    deadLetters: { enrollment: enrollmentSeen.deadLetters.length },
    problems,
    durationSeconds: Math.round((Date.now() - began) / 1000),
  };
  // A full run's figures are the ones docs/faults.md quotes; a quick run's stay under .run/.
  const outDirs = [resolve(process.cwd(), options.out ?? join('.run/faults', suffix)), ...(options.quick ? [] : [join(WORKSPACE, 'docs/faults', options.cluster ? 'cluster' : '')])];
  for (const dir of outDirs) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(join(dir, 'results.md'), `${markdownFaultTable(rows)}\n`);
  }

  log(`\n${faultTable(rows)}\n`);
  log(`${events.toLocaleString('en-US')} events sent; enrolled ${results.enrollment.enrolled} of target ${results.enrollment.target} after ${results.enrollment.attempted} attempts;` +
    ` read models: enrollment ${results.readModels.enrollment}, infusion tracking ${results.readModels.infusionTracking}, safety ${results.readModels.safety};` +
    ` timers fired ${platformSeen.timers.fired}; ${enrollmentSeen.deadLetters.length} dead letters in enrollment`);
  log(`wrote ${outDirs.map((d) => join(d, 'results.json')).join(' and ')}; took ${results.durationSeconds} s`);
  if (problems.length > 0) {
    await writeEvidence(p, logDir, checked, state.acknowledged).catch((error) => log(`evidence: ${(error as Error).message}`));
    log(`\nFAILED: ${problems.length} invariant(s) broken:`);
    for (const problem of problems) log(`  - ${problem}`);
    return 1;
  }
  log('every invariant held: nothing lost, nothing duplicated');
  return 0;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`faults: ${signal}; cleaning up`);
    void removePlatform().finally(() => process.exit(130));
  });
}

main()
  .catch((error) => {
    log(`faults: ${(error as Error).message}`);
    return 1;
  })
  .then(async (code) => {
    await removePlatform();
    process.exit(code);
  });
