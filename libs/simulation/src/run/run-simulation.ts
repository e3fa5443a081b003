import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SingleBar } from 'cli-progress';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { addDays, calendarDateIn, startOfDayIn, TOPICS } from '@trialstream/contracts';
import { renderSvg, responseChartSpec } from '../chart';
import { planSimulation, type PlannedStep, type SimulationPlan } from '../plan/trial-plan';
import { buildSummary, type SimulationSummary } from '../summary';
import { HttpError, onceArrived, PlatformClient, waitUntil, type Caller, type ServiceName, type ServiceUrls, type TokenSigner } from './platform-client';
import { readPlatform } from './readings';
import { simulatedCopy } from './simulated-trial';

export interface SimulationOptions {
  seed: number;
  /** Subjects to enroll; the protocol's enrollment target when not given (and never above it). */
  subjects?: number;
  /** The trial whose record and newest protocol the rehearsal copies. */
  sourceTrial: string;
  /** Where the summary (JSON) and the chart (SVG) are written. */
  out: string;
  urls: ServiceUrls;
  sign: TokenSigner;
  kafka: { brokers: string[]; topicPrefix: string };
  /** Show a progress bar on stderr. */
  progress: boolean;
}

export interface SimulationResult {
  trialId: string;
  plan: SimulationPlan;
  summary: SimulationSummary;
  files: { summary: string; chart: string };
}

const SPONSOR: Caller = { role: 'sponsor-system', subject: 'sponsor trial system (simulation)' };
const MONITOR: Caller = { role: 'safety-monitor', subject: 'safety monitor (simulation)' };
const OPERATIONS: Caller = { role: 'operations', subject: 'operator (simulation)' };
const SERVICES: ServiceName[] = ['registry', 'enrollment', 'infusion', 'safety'];

/**
 * Runs a seeded rehearsal of a trial against the running platform: registers a copy of the trial
 * (so the trial itself is untouched and runs repeat), opens recruitment, and plays the plan day by
 * day (screenings on the sponsor's ingress topic, everything else over HTTP with tokens of the
 * roles that do it), moving every service's clock to noon at the site of each day. At the end it
 * reads the services back into a summary, written with a chart of the responses.
 */
export async function runSimulation(options: SimulationOptions): Promise<SimulationResult> {
  const client = new PlatformClient(options.urls, options.sign);
  const now = await latestClock(client);
  const { trialId, protocol } = await simulatedCopy(client, SPONSOR, options.sourceTrial, options.seed, options.subjects);
  await waitForPolicies(client, trialId);

  const timeZone = protocol.sites?.[0]?.timeZone ?? 'UTC';
  // Day 0 lies ahead of every service's clock by more than the screening period, so each day is reached by moving forward.
  const day0 = addDays(calendarDateIn(now, timeZone), 16);
  const plan = planSimulation(protocol, { seed: options.seed, subjects: options.subjects ?? protocol.enrollmentTarget, day0 });
  const noon = (day: number) => new Date(startOfDayIn(addDays(day0, day), timeZone).getTime() + 12 * 3_600_000);
  const moveClocks = (day: number) => Promise.all(SERVICES.map((s) => client.post(s, '/operations/clock/advance', { to: noon(day).toISOString() }, OPERATIONS)));

  const bar = options.progress ? new SingleBar({ format: 'trial {trial} | {bar} | day {day} of {end} | {phase}', hideCursor: true }) : undefined;
  bar?.start(plan.candidates.length + plan.steps.length, 0, { trial: trialId, day: plan.screeningDay, end: plan.endDay, phase: 'recruitment' });
  try {
    await recruit(client, options, trialId, plan, moveClocks, () => bar?.increment());
    let day = plan.consentDay;
    for (const step of plan.steps) {
      if (step.day !== day) {
        day = step.day;
        await moveClocks(day);
      }
      bar?.increment({ day, phase: step.kind });
      await perform(client, trialId, plan, step);
    }
    await moveClocks(plan.endDay);
    bar?.update({ day: plan.endDay, phase: 'reading the results' });
    await waitUntil('every safety case', async () => ((await client.get<{ total: number }>('safety', `/trials/${trialId}/cases?limit=1`, MONITOR)).total === plan.cases.length ? true : undefined));
  } finally {
    bar?.stop();
  }

  const readings = await settledReadings(client, trialId, timeZone, noon(plan.endDay));
  const summary = buildSummary(readings);
  mkdirSync(options.out, { recursive: true });
  const files = { summary: join(options.out, `simulation-seed-${options.seed}.json`), chart: join(options.out, `simulation-seed-${options.seed}.svg`) };
  writeFileSync(files.summary, `${JSON.stringify({ seed: options.seed, sourceTrial: options.sourceTrial, trialId, target: plan.target, summary }, null, 2)}\n`);
  const title = `PASI at baseline and after infusion ${protocol.infusions.length}: ${trialId}, seed ${options.seed}`;
  writeFileSync(files.chart, await renderSvg(responseChartSpec(readings.responses, title)));
  return { trialId, plan, summary, files };
}

async function waitForPolicies(client: PlatformClient, trialId: string): Promise<void> {
  const parts: [ServiceName, string][] = [['enrollment', 'enrollment-policy'], ['infusion', 'treatment-plan'], ['safety', 'safety-policy']];
  for (const [service, part] of parts) {
    await waitUntil(`the protocol in ${service}`, async () => {
      try {
        return await client.get(service, `/trials/${trialId}/${part}`, SPONSOR);
      } catch (error) {
        if (error instanceof HttpError && error.status === 404) return undefined;
        throw error;
      }
    });
  }
}

/** The furthest-ahead clock of the four services, each of which must be one the rehearsal can move. */
async function latestClock(client: PlatformClient): Promise<Date> {
  const readings = await Promise.all(SERVICES.map((s) => client.get<{ now: string; adjustable: boolean }>(s, '/operations/clock', OPERATIONS)));
  const fixed = SERVICES.filter((_, i) => !readings[i].adjustable);
  if (fixed.length) throw new Error(`the clock of ${fixed.join(', ')} keeps real time: start the platform with CLOCK_ADJUSTABLE=true (npm run up does) to rehearse a trial`);
  return new Date(Math.max(...readings.map((r) => new Date(r.now).getTime())));
}

/** Screening on the ingress topic, then consent and enrollment over HTTP up to the target. */
async function recruit(client: PlatformClient, options: SimulationOptions, trialId: string, plan: SimulationPlan, moveClocks: (day: number) => Promise<unknown>, tick: () => void): Promise<void> {
  await client.post('registry', `/trials/${trialId}/status`, { status: 'RECRUITING', reason: 'recruitment opens (simulation)' }, SPONSOR);
  await waitUntil('enrollment to see the trial recruiting', async () => ((await client.get<{ overallStatus: string }>('enrollment', `/trials/${trialId}`, SPONSOR)).overallStatus === 'RECRUITING' ? true : undefined));
  await moveClocks(plan.screeningDay);
  await submitScreenings(options, trialId, plan);
  await waitUntil('every screening judged', async () => ((await client.get<{ total: number }>('enrollment', `/trials/${trialId}/subjects?limit=1`, SPONSOR)).total === plan.candidates.length ? true : undefined));

  await moveClocks(plan.consentDay);
  const site: Caller = { role: 'site', subject: `investigator ${plan.siteId}`, sites: [plan.siteId] };
  for (const { screening, fate } of plan.candidates) {
    tick();
    if (fate === 'SCREEN_FAILED' || fate === 'DECLINED') continue;
    const subject = `/trials/${trialId}/subjects/${screening.subjectId}`;
    await client.post('enrollment', `${subject}/consent`, { consentVersion: plan.consentVersion, consentDate: addDays(plan.day0, plan.consentDay) }, site);
    try {
      await client.post('enrollment', `${subject}/enrollment`, { plannedFirstInfusionDate: plan.day0 }, site);
    } catch (error) {
      // The plan's last candidate comes after the target: enrollment refuses them, as it should.
      if (!(fate === 'REFUSED_AT_TARGET' && error instanceof HttpError && error.status === 409)) throw error;
    }
  }
  for (const { screening } of plan.candidates.filter((c) => c.fate === 'ENROLLED')) {
    await waitUntil(`the visits of ${screening.subjectId}`, async () => ((await client.get<unknown[]>('infusion', `/trials/${trialId}/subjects/${screening.subjectId}/visits`, SPONSOR)).length ? true : undefined));
  }
}

async function submitScreenings(options: SimulationOptions, trialId: string, plan: SimulationPlan): Promise<void> {
  const kafka = new Kafka({ clientId: 'trialstream-simulation', brokers: options.kafka.brokers, logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    const occurredAt = new Date().toISOString();
    const messages = plan.candidates.map(({ screening }) => ({
      key: screening.subjectId,
      value: JSON.stringify({
        eventId: randomUUID(), type: 'ScreeningSubmitted', version: 1, occurredAt, producer: 'sponsor site system (simulation)',
        trialId, subjectId: screening.subjectId, correlationId: `simulation-${plan.seed}-${screening.subjectId}`, payload: screening,
      }),
    }));
    await producer.send({ topic: `${options.kafka.topicPrefix}${TOPICS.sponsorIngress.name}`, messages, acks: -1 });
  } finally {
    await producer.disconnect();
  }
}

async function perform(client: PlatformClient, trialId: string, plan: SimulationPlan, step: PlannedStep): Promise<void> {
  const subject = `/trials/${trialId}/subjects/${step.subjectId}`;
  const site: Caller = { role: 'site', subject: `research nurse ${plan.siteId}`, sites: [plan.siteId] };
  switch (step.kind) {
    case 'infusion':
      await client.post('infusion', `${subject}/infusions`, step.report, site);
      return;
    case 'adverse-event':
      await onceArrived(`safety to know ${step.subjectId}`, () => client.post('safety', `/trials/${trialId}/adverse-event-reports`, step.report, SPONSOR));
      return;
    case 'hold-review':
      await liftHold(client, trialId, step.subjectId, step.reason);
      return;
    case 'assessment':
      await onceArrived(`the treatment of ${step.subjectId} to be complete`, () => client.post('infusion', `${subject}/assessments`, step.assessment, site));
      return;
    case 'follow-up-visit':
      await client.post('infusion', `${subject}/follow-up-visits`, step.visit, site);
      return;
    case 'report-submission':
      await onceArrived(`the report clock of ${step.caseId}`, () => client.post('safety', `/trials/${trialId}/cases/${step.caseId}/report-submissions`, step.submission, MONITOR));
      return;
  }
}

/**
 * The safety monitor lifts the hold the reaction placed once reviewed, and dosing resumes only once
 * infusion tracking has the lifting (else the next infusion would count as given under the hold).
 */
async function liftHold(client: PlatformClient, trialId: string, subjectId: string, reason: string): Promise<void> {
  const [hold] = await waitUntil(`the dosing hold on ${subjectId}`, async () => {
    const holds = await client.all<{ holdId: string }>('safety', `/trials/${trialId}/dosing-holds?subjectId=${subjectId}&inPlace=true`, MONITOR);
    return holds.length ? holds : undefined;
  });
  await client.post('safety', `/trials/${trialId}/dosing-holds/${hold.holdId}/lift`, { reason }, MONITOR);
  const auditor: Caller = { role: 'data-manager', subject: 'simulation data manager' };
  await waitUntil(`infusion tracking to see the hold on ${subjectId} lifted`, async () => {
    const trail = await client.all<{ entity: string; after: { hold_id?: string; lifted_at?: string | null } | null }>('infusion', `/trials/${trialId}/subjects/${subjectId}/audit-trail`, auditor);
    return trail.some((r) => r.entity === 'dosing_hold' && r.after?.hold_id === hold.holdId && r.after.lifted_at) ? true : undefined;
  });
}

/** Timers and events still in flight settle within moments; read until two readings agree. */
async function settledReadings(client: PlatformClient, trialId: string, timeZone: string, now: Date) {
  let previous = JSON.stringify(buildSummary(await readPlatform(client, trialId, timeZone, now)));
  return waitUntil('the results to settle', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const readings = await readPlatform(client, trialId, timeZone, now);
    const current = JSON.stringify(buildSummary(readings));
    const settled = current === previous;
    previous = current;
    return settled ? readings : undefined;
  });
}
