import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { testToken, waitFor, type TokenHolder } from '@trialstream/testing';

const WORKSPACE = join(__dirname, '../../..');

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One built service running as its own process, the way operators run it. */
export class ServiceProcess {
  private child?: ChildProcess;
  private exited: Promise<ExitStatus> = Promise.resolve({ code: null, signal: null });
  private output = '';

  constructor(
    readonly app: string,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get logs(): string {
    return this.output;
  }

  async start(extraEnv: Record<string, string> = {}): Promise<void> {
    const logDir = join(WORKSPACE, '.run', 'e2e');
    mkdirSync(logDir, { recursive: true });
    const log = createWriteStream(join(logDir, `${this.app}.log`), { flags: 'a' });
    this.output = '';
    const child = spawn('node', [`dist/apps/${this.app}/apps/${this.app}/src/main.js`], {
      cwd: WORKSPACE,
      env: { ...process.env, ...this.env, ...extraEnv, HTTP_PORT: String(this.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [child.stdout, child.stderr]) {
      stream?.on('data', (chunk: Buffer) => {
        this.output += chunk.toString();
        log.write(chunk);
      });
    }
    this.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    this.child = child;
    const ready = waitFor(`${this.app} to be ready`, async () => ((await fetch(`${this.url}/ready`)).ok ? true : undefined), 60_000);
    const died = this.exited.then(({ code, signal }) => {
      throw new Error(`${this.app} exited (${code ?? signal}) before it was ready:\n${this.output.slice(-3000)}`);
    });
    died.catch(() => undefined); // once ready, a later exit is the test's business, not start()'s
    await Promise.race([ready, died]);
  }

  /**
   * Sends the signal and waits for the process to end. A service bounds its own stop
   * (SHUTDOWN_TIMEOUT_MS); one still running after `killAfterMs` is killed, and the stop fails with its last lines.
   */
  async stop(signal: NodeJS.Signals = 'SIGTERM', killAfterMs = 60_000): Promise<ExitStatus> {
    const child = this.child;
    if (!child) return { code: null, signal: null };
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const hung = new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), killAfterMs)));
    try {
      const ended = await Promise.race([this.exited, hung]);
      if (ended !== 'hung') return ended;
    } finally {
      clearTimeout(timer);
    }
    child.kill('SIGKILL');
    // Gone before the stop fails: the next test must not meet its ports and consumers.
    await this.exited;
    throw new Error(`${this.app} was still running ${killAfterMs} ms after ${signal} (killed); its last lines:\n${this.output.slice(-3000)}`);
  }

  /** Stops with SIGTERM; unless the service exits 0 (its shutdown hooks all ran), fails with its last lines. */
  async stopCleanly(): Promise<void> {
    const exit = await this.stop('SIGTERM');
    if (exit.code === 0 && exit.signal === null) return;
    throw new Error(`${this.app} ended with ${exit.signal ?? `exit code ${exit.code}`} after SIGTERM, not exit code 0; its last lines:\n${this.output.slice(-3000)}`);
  }

  /** The caller of a request: a token's holder, or 'anonymous' for none; by default a role the route allows. */
  async getJson(path: string, as?: Caller): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const response = await this.request('GET', path, undefined, {}, as);
    return { status: response.status, body: await response.json() };
  }

  async postJson(path: string, body: unknown, headers: Record<string, string> = {}, as?: Caller): Promise<{ status: number; body: any; headers: Headers }> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const response = await this.request('POST', path, JSON.stringify(body), { 'content-type': 'application/json', ...headers }, as);
    return { status: response.status, body: await response.json(), headers: response.headers };
  }

  async request(method: string, path: string, body: string | undefined, headers: Record<string, string>, as?: Caller): Promise<Response> {
    const holder = as ?? (await this.allowedCaller(method, path));
    const authorization: Record<string, string> = holder === 'anonymous' ? {} : { authorization: `Bearer ${await testToken(holder)}` };
    return fetch(`${this.url}${path}`, { method, headers: { ...authorization, ...headers }, body });
  }

  /**
   * Tests that are not about access call as the first role the route's OpenAPI operation allows
   * (x-allowed-roles), preferring one that is not bound to sites.
   */
  private async allowedCaller(method: string, path: string): Promise<Caller> {
    const bare = path.split('?')[0];
    // The API documents are open by default (AUTH_PUBLIC_DOCS).
    if (bare.startsWith('/docs')) return 'anonymous';
    this.operations ??= operationsOf((await (await fetch(`${this.url}/docs-json`)).json()) as OpenApiPaths);
    const operation = this.operations.find((o) => o.method === method.toLowerCase() && o.pattern.test(bare));
    if (!operation) throw new Error(`${this.app} has no ${method} ${bare} in its OpenAPI document`);
    if (operation.roles.includes('anyone')) return 'anonymous';
    const role = operation.roles.find((r) => r !== 'site');
    if (!role) throw new Error(`${method} ${bare} allows only the site role: say which sites the caller is at`);
    return { role };
  }

  private operations?: Operation[];
}

export type Caller = (Partial<TokenHolder> & { role: string }) | 'anonymous';

type OpenApiPaths = { paths: Record<string, Record<string, { 'x-allowed-roles'?: string[]; 'x-site-scope'?: string }>> };

export interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  roles: string[];
  /** How far a site token reaches (x-site-scope): trial-wide, own sites or own subjects. */
  siteScope?: string;
}

/** Every operation of an OpenAPI document with the roles it allows. */
export function operationsOf(document: OpenApiPaths): Operation[] {
  return Object.entries(document.paths).flatMap(([template, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method,
      template,
      pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
      roles: operation['x-allowed-roles'] ?? [],
      siteScope: operation['x-site-scope'],
    })),
  );
}
