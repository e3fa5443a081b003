import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { KafkaLogin } from './kafka-probe';

/** The workspace root: brokers keep their data under its .run/ (git ignores it). */
const WORKSPACE = join(__dirname, '../../..');
const run = promisify(execFile);

/** A Kafka broker of a test's own (infra/kafka/kafka.sh on other ports and data), so the test may stop it. */
export class LocalBroker {
  protected readonly runDir: string;

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

  protected async script(command: string, env: Record<string, string> = {}) {
    const scriptEnv = {
      ...process.env,
      KAFKA_BROKERS: '',
      KAFKA_PORT: String(this.port),
      KAFKA_CONTROLLER_PORT: String(this.controllerPort),
      KAFKA_SECURE_PORT: String(this.port),
      KAFKA_SECURE_CONTROLLER_PORT: String(this.controllerPort),
      TRIALSTREAM_RUN: this.runDir,
      ...env,
    };
    await run('bash', [join(WORKSPACE, 'infra/kafka/kafka.sh'), command], { env: scriptEnv, cwd: WORKSPACE });
  }
}

/** SCRAM users that `kafka.sh start-secure` creates. */
export type SecureBrokerUser = 'admin' | 'trialstream-service' | 'sponsor' | 'safety-monitor';

/**
 * A SASL_SSL broker of a test's own (`kafka.sh start-secure`): its CA, SCRAM users and ACLs, the ACLs
 * for the given topic prefix.
 */
export class SecureLocalBroker extends LocalBroker {
  constructor(port: number, controllerPort: number, name: string, private readonly topicPrefix: string) {
    super(port, controllerPort, name);
  }

  override async start(): Promise<void> {
    await this.script('start-secure', { KAFKA_TOPIC_PREFIX: this.topicPrefix });
  }

  override async stop(): Promise<void> {
    await this.script('stop-secure');
  }

  get caFile(): string {
    return join(this.runDir, 'kafka-secure/tls/ca.crt');
  }

  passwordFile(user: SecureBrokerUser): string {
    return join(this.runDir, `kafka-secure/credentials/${user}.password`);
  }

  password(user: SecureBrokerUser): string {
    return readFileSync(this.passwordFile(user), 'utf8').trim();
  }

  /** kafkajs options to log in as the user (with another password if given). */
  login(user: SecureBrokerUser, password = this.password(user)): KafkaLogin {
    return { ssl: { ca: [readFileSync(this.caFile, 'utf8')] }, sasl: { mechanism: 'scram-sha-512', username: user, password } };
  }
}

/** A three-broker cluster of a test's own (infra/kafka/cluster.sh), whose nodes a test may kill and restart. */
export class LocalCluster {
  private readonly runDir: string;

  constructor(
    private readonly portBase: number,
    private readonly controllerPortBase: number,
    name: string,
  ) {
    this.runDir = join(WORKSPACE, '.run', name);
  }

  get brokers(): string[] {
    return [0, 1, 2].map((i) => `127.0.0.1:${this.portBase + i}`);
  }

  start = () => this.script('start');
  killNode = (node: 1 | 2 | 3) => this.script('kill-node', String(node));
  startNode = (node: 1 | 2 | 3) => this.script('start-node', String(node));

  /** Stops every node and deletes the cluster's data. */
  async remove(): Promise<void> {
    await this.script('stop');
    rmSync(this.runDir, { recursive: true, force: true });
  }

  private async script(...args: string[]) {
    const env = { ...process.env, KAFKA_CLUSTER_PORT: String(this.portBase), KAFKA_CLUSTER_CONTROLLER_PORT: String(this.controllerPortBase), TRIALSTREAM_RUN: this.runDir };
    await run('bash', [join(WORKSPACE, 'infra/kafka/cluster.sh'), ...args], { env, cwd: WORKSPACE });
  }
}
