import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { TEST_AUTH_ENV, testToken } from './test-tokens';

/**
 * The built services as processes (node dist/apps/<app>/.../main.js), the way operators run them,
 * for the tools that drive the platform from outside (the benchmark, the fault run): nothing of the
 * services is imported, they are reached over HTTP and Kafka.
 */

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

/** Environment each service gets on top of the caller's own; everything else keeps the service defaults. */
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

/** One built service as a process of its own, with its log in a file; restartable after a kill. */
export class ServiceInstance {
  private child?: ChildProcess;
  private exit: Promise<void> = Promise.resolve();
  private tail = '';
  exited = false;

  constructor(
    readonly app: string,
    readonly port: number,
    private readonly root: string,
    private readonly env: Record<string, string>,
    private readonly logFile: string,
    /** Options for the service's node (a profiler, say). */
    private readonly nodeArgs: string[] = [],
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(timeoutMs: number): Promise<void> {
    const log = createWriteStream(this.logFile, { flags: 'a' });
    this.exited = false; // a restarted instance (after a kill) starts afresh
    const child = spawn(process.execPath, [...this.nodeArgs, mainFile(this.root, this.app)], {
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
    const { status } = await this.request('GET', path, 'data-manager');
    return { status };
  }

  /** An HTTP call as a holder of the role (a JSON body if given), bounded; answers the status and the parsed body. */
  async request(method: 'GET' | 'POST', path: string, role: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const headers: Record<string, string> = { authorization: `Bearer ${await testToken({ role, subject: 'benchmark' })}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON (metrics, say): the text as it came
    }
    return { status: response.status, body: parsed };
  }

  /** SIGKILL: no shutdown hook runs, whatever was in hand is lost to the process (not to Kafka or the database). */
  async kill(): Promise<void> {
    if (!this.child || this.exited) return;
    this.child.kill('SIGKILL');
    await Promise.race([this.exit, sleep(5_000)]);
  }

  /** SIGSTOP: the process stops where it is, mid-statement or mid-send, until killed or thawed. */
  freeze(): void {
    if (this.child && !this.exited) this.child.kill('SIGSTOP');
  }

  /** SIGCONT: a frozen process goes on. */
  thaw(): void {
    if (this.child && !this.exited) this.child.kill('SIGCONT');
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
