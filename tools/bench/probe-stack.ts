import { join } from 'node:path';
import { Client } from 'pg';
import { TOPICS } from '../../libs/contracts/src/topics';
import { freePort, postgresUrl, Stack, WORKSPACE } from './stack';
import { deleteWithPrefix, kafkaClient, LoadGenerator, loopbackBrokers, WireWatch } from './wire';

/** What the diagnostic tools (cpu-per-event.ts, latency-stages.ts) measure with. */
export interface ProbeStack {
  stack: Stack;
  /** Subject ids start with it (screenings.ts): the watcher counts only this run's. */
  tag: string;
  /** Counts each SubjectScreened on the wire, and enrollment's dead letters. */
  watch: WireWatch;
  load: LoadGenerator;
  /** Enrollment's database, as its owner. */
  db: Client;
  /** The ingress topic, prefixed. */
  ingress: string;
}

export interface ProbeOptions {
  /** Names the stack, its databases and its topic prefix: a-z0-9. */
  name: string;
  /** The registry's port if free (enrollment's the next one), else the next free ones. */
  firstPort: number;
  /** The workspace whose built services run (default: this one). */
  workspace?: string;
  /** Leave the databases for a look with psql (drop them by hand afterwards). */
  keepDatabases?: boolean;
}

/**
 * Starts one registry and one enrollment on the built services with the reference trial, runs
 * `measure`, and takes everything down again, topics and databases included, whatever happened.
 */
export async function withProbeStack({ name, firstPort, workspace = WORKSPACE, keepDatabases = false }: ProbeOptions, measure: (probe: ProbeStack) => Promise<void>): Promise<void> {
  const brokers = loopbackBrokers(process.env);
  const pgUrl = postgresUrl(process.env);
  const suffix = `${Date.now().toString(36)}${name}`;
  const tag = `c${suffix}`;
  const kafka = kafkaClient(brokers, `trialstream-${name}`);
  const taken = new Set<number>();
  const ports = { registry: await freePort(firstPort, taken), enrollment: await freePort(firstPort + 1, taken) };
  const stack = new Stack(workspace, suffix, name, ports, brokers, pgUrl, join(WORKSPACE, '.run/bench', suffix));
  const watch = new WireWatch(kafka, `${stack.prefix}${name}-watch`, stack.topic(TOPICS.enrollmentEvents.name), tag, {
    eventType: 'SubjectScreened',
    deadLetterTopic: stack.topic('trialstream.enrollment.dead-letter.v1'),
  });
  const load = new LoadGenerator(kafka);
  const db = new Client({ connectionString: `${pgUrl}/${stack.database('enrollment')}` });
  try {
    await stack.start();
    await stack.waitForProtocol();
    await watch.start();
    await load.connect();
    await db.connect();
    await measure({ stack, tag, watch, load, db, ingress: stack.topic(TOPICS.sponsorIngress.name) });
  } finally {
    await db.end().catch(() => undefined);
    await watch.stop().catch(() => undefined);
    await load.disconnect().catch(() => undefined);
    await stack.stop();
    await deleteWithPrefix(kafka, stack.prefix).catch(() => undefined);
    if (!keepDatabases) await stack.dropDatabases();
    else console.log(`kept ${stack.database('enrollment')} and ${stack.database('registry')}`);
  }
}
