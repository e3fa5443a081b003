import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { TEST_AUTH_ENV, testToken } from '../../libs/testing/src/test-tokens';

/**
 * The built registry and enrollment services as processes (node dist/apps/<app>/.../main.js), the
 * way operators and the e2e tests run them, each stack with its own databases, topic prefix and
 * consumer groups. Nothing of the services is imported: they are reached over HTTP and Kafka.
 */

export const WORKSPACE = join(__dirname, '../..');
export const TRIAL = 'NCT02491658';
export const APPS = ['registry', 'enrollment'] as const;
type App = (typeof APPS)[number];

/** The built entry point of a service under a workspace (this one, or a checkout given with --workspace). */
export function mainFile(root: string, app: string): string {
  return join(root, 'dist/apps', app, 'apps', app, 'src/main.js');
}

/** The Postgres server URL (no database), loopback only. */
export function postgresUrl(env: NodeJS.ProcessEnv): string {
  const url = env.BENCH_POSTGRES_URL ?? env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
  const host = new URL(url).hostname;
  if (!/^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(host)) throw new Error(`Postgres at ${host} is not a loopback address`);
  return url.replace(/\/+$/, '');
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** The first free loopback port at or after `from`, skipping ports already taken by this run. */
export async function freePort(from: number, taken: Set<number>): Promise<number> {
  for (let port = from; port < from + 200; port++) {
    if (!taken.has(port) && (await portIsFree(port))) {
      taken.add(port);
      return port;
    }
  }
  throw new Error(`no free port in ${from}-${from + 199} on 127.0.0.1`);
}

/** Environment each service gets on top of the benchmark's own; everything else keeps the service defaults. */
export function serviceEnv(stack: { prefix: string; database(app: string): string }, app: string, port: number, brokers: string[], pgUrl: string): Record<string, string> {
  return {
    ...TEST_AUTH_ENV,
    DATABASE_URL: `${pgUrl}/${stack.database(app)}`,
    KAFKA_BROKERS: brokers.join(','),
    KAFKA_TOPIC_PREFIX: stack.prefix,
    HTTP_PORT: String(port),
    HTTP_HOST: '127.0.0.1',
  };
}

class ServiceProcess {
  private child?: ChildProcess;
  private exit: Promise<void> = Promise.resolve();
  private tail = '';
  exited = false;

  constructor(
    readonly app: App,
    readonly port: number,
    private readonly root: string,
    private readonly env: Record<string, string>,
    private readonly logFile: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(timeoutMs: number): Promise<void> {
    const log = createWriteStream(this.logFile, { flags: 'a' });
    // BENCH_NODE_ARGS: options for the services' node, e.g. "--cpu-prof --cpu-prof-dir=/tmp/profiles".
    const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...nodeArgs, mainFile(this.root, this.app)], {
      cwd: this.root,
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    for (const stream of [child.stdout, child.stderr]) {
      stream?.on('data', (chunk: Buffer) => {
        log.write(chunk);
        this.tail = (this.tail + chunk.toString()).slice(-3_000);
      });
    }
    this.exit = new Promise((resolve) =>
      child.on('exit', () => {
        this.exited = true;
        log.end();
        resolve();
      }),
    );
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exited) throw new Error(`${this.app} exited before it was ready (log: ${this.logFile}):\n${this.tail}`);
      if (await this.get('/ready').then((r) => r.status === 200, () => false)) return;
      await sleep(250);
    }
    throw new Error(`${this.app} was not ready within ${timeoutMs / 1000} s (log: ${this.logFile}):\n${this.tail}`);
  }

  async get(path: string): Promise<{ status: number }> {
    const headers = { authorization: `Bearer ${await testToken({ role: 'data-manager', subject: 'benchmark' })}` };
    const response = await fetch(`${this.url}${path}`, { headers, signal: AbortSignal.timeout(5_000) });
    await response.arrayBuffer();
    return { status: response.status };
  }

  /** SIGTERM (the service finishes the message in hand and flushes its outbox), SIGKILL after `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.child || this.exited) return;
    this.child.kill('SIGTERM');
    const ended = await Promise.race([this.exit.then(() => true), sleep(graceMs).then(() => false)]);
    if (!ended) {
      this.child.kill('SIGKILL');
      await Promise.race([this.exit, sleep(5_000)]);
    }
  }
}

/** One registry and one enrollment with their own databases and prefix; `name` is a-z0-9 only. */
export class Stack {
  readonly prefix: string;
  private services: ServiceProcess[] = [];
  /** Once stopping, no further service is started (an interrupted run must not leave one behind). */
  private stopping = false;

  constructor(
    /** The workspace whose dist/ holds the built services. */
    private readonly root: string,
    readonly runSuffix: string,
    readonly name: string,
    private readonly ports: { registry: number; enrollment: number },
    private readonly brokers: string[],
    private readonly pgUrl: string,
    private readonly logDir: string,
  ) {
    this.prefix = `bench-${runSuffix}-${name}.`;
  }

  database(app: string): string {
    return `trialstream_bench_${this.runSuffix}_${this.name}_${app.replace(/-/g, '_')}`;
  }

  topic(name: string): string {
    return `${this.prefix}${name}`;
  }

  get enrollment(): ServiceProcess | undefined {
    return this.services.find((s) => s.app === 'enrollment');
  }

  /** Consumers first, then the registry (which publishes the reference trial on first start), as up.sh does. */
  async start(timeoutMs = 90_000): Promise<void> {
    mkdirSync(this.logDir, { recursive: true });
    for (const app of ['enrollment', 'registry'] as const) {
      if (this.stopping) throw new Error(`stack ${this.name} was stopped while starting`);
      const port = this.ports[app];
      const service = new ServiceProcess(app, port, this.root, serviceEnv(this, app, port, this.brokers, this.pgUrl), join(this.logDir, `${this.name}-${app}.log`));
      this.services.push(service);
      await service.start(timeoutMs);
    }
  }

  /** Waits until enrollment holds the reference trial's protocol (its enrollment policy answers 200). */
  async waitForProtocol(timeoutMs = 60_000): Promise<void> {
    const enrollment = this.enrollment;
    if (!enrollment) throw new Error('enrollment is not started');
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (enrollment.exited) throw new Error('enrollment exited while waiting for the reference protocol');
      if (await enrollment.get(`/trials/${TRIAL}/enrollment-policy`).then((r) => r.status === 200, () => false)) return;
      await sleep(250);
    }
    throw new Error(`enrollment did not receive ${TRIAL}'s protocol within ${timeoutMs / 1000} s`);
  }

  /** A service that died during a measurement is a failed run, not a slow one. */
  deadServices(): string[] {
    return this.services.filter((s) => s.exited).map((s) => s.app);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.services.map((s) => s.stop()));
  }

  async dropDatabases(): Promise<void> {
    const client = new Client({ connectionString: `${this.pgUrl}/postgres` });
    await client.connect();
    try {
      for (const app of APPS) await client.query(`DROP DATABASE IF EXISTS "${this.database(app)}" WITH (FORCE)`);
    } finally {
      await client.end();
    }
  }
}

export function distExists(root: string): boolean {
  return APPS.every((app) => existsSync(mainFile(root, app)));
}
