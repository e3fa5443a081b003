import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { mainFile, serviceEnv, ServiceInstance } from '../../libs/testing/src/service-instance';

export { freePort, mainFile, postgresUrl } from '../../libs/testing/src/service-instance';

/**
 * The built registry and enrollment services as processes (node dist/apps/<app>/.../main.js), the
 * way operators and the e2e tests run them, each stack with its own databases, topic prefix and
 * consumer groups. Nothing of the services is imported: they are reached over HTTP and Kafka.
 */

export const WORKSPACE = join(__dirname, '../..');
export const TRIAL = 'NCT02491658';
export const APPS = ['registry', 'enrollment'] as const;

/** One registry and one enrollment with their own databases and prefix; `name` is a-z0-9 only. */
export class Stack {
  readonly prefix: string;
  private services: ServiceInstance[] = [];
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

  get enrollment(): ServiceInstance | undefined {
    return this.services.find((s) => s.app === 'enrollment');
  }

  /** Consumers first, then the registry (which publishes the reference trial on first start), as up.sh does. */
  async start(timeoutMs = 90_000): Promise<void> {
    mkdirSync(this.logDir, { recursive: true });
    for (const app of ['enrollment', 'registry'] as const) {
      if (this.stopping) throw new Error(`stack ${this.name} was stopped while starting`);
      const port = this.ports[app];
      // BENCH_NODE_ARGS: options for the services' node, e.g. "--cpu-prof --cpu-prof-dir=/tmp/profiles".
      const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
      const service = new ServiceInstance(app, port, this.root, serviceEnv(this, app, port, this.brokers, this.pgUrl), join(this.logDir, `${this.name}-${app}.log`), nodeArgs);
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
