import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const WORKSPACE = join(__dirname, '../../..');
const run = promisify(execFile);

/** A Kafka broker of a test's own (infra/kafka/kafka.sh on other ports and data), so the test may stop it. */
export class LocalBroker {
  private readonly runDir: string;

  constructor(
    readonly port: number,
    private readonly controllerPort: number,
    name: string,
  ) {
    this.runDir = join(WORKSPACE, '.run', name);
  }

  get brokers(): string[] {
    return [`127.0.0.1:${this.port}`];
  }

  /** Starts it (formatting its store on first start) and returns once it answers. */
  async start(): Promise<void> {
    await this.script('start');
  }

  async stop(): Promise<void> {
    await this.script('stop');
  }

  /** Stops it and deletes its data. */
  async remove(): Promise<void> {
    await this.stop();
    rmSync(this.runDir, { recursive: true, force: true });
  }

  private async script(command: 'start' | 'stop') {
    const env = { ...process.env, KAFKA_BROKERS: '', KAFKA_PORT: String(this.port), KAFKA_CONTROLLER_PORT: String(this.controllerPort), TRIALSTREAM_RUN: this.runDir };
    await run('bash', [join(WORKSPACE, 'infra/kafka/kafka.sh'), command], { env, cwd: WORKSPACE });
  }
}
