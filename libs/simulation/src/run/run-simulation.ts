import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SingleBar } from 'cli-progress';
import { addDays, calendarDateIn, startOfDayIn } from '@trialstream/contracts';
import { renderSvg, responseChartSpec } from '../chart';
import { planSimulation, type SimulationPlan } from '../plan/trial-plan';
import { buildSummary, type SimulationSummary } from '../summary';
import { MONITOR, OPERATIONS, SPONSOR } from './callers';
import { HttpError, PlatformClient, waitUntil, type ServiceName, type ServiceUrls, type TokenSigner } from './platform-client';
import { readPlatform } from './readings';
import { recruit, type IngressBroker } from './recruitment';
import { simulatedCopy } from './simulated-trial';
import { perform } from './steps';

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
  kafka: IngressBroker;
  /** Show a progress bar on stderr. */
  progress: boolean;
}

export interface SimulationResult {
  trialId: string;
  plan: SimulationPlan;
  summary: SimulationSummary;
  files: { summary: string; chart: string };
}

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
    await recruit(client, options.kafka, trialId, plan, moveClocks, () => bar?.increment());
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
