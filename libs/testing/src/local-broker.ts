import { execFile, execFileSync } from 'node:child_process';
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

/** Options of a LocalCluster. */
export interface LocalClusterOptions {
  /**
   * Each broker in its own Linux network namespace on a bridge (`cluster.sh --netns`, root only), at
   * an address of a private /24 of the cluster's own, so a node can be partitioned, not only killed.
   */
  netns?: boolean;
}

/**
 * A three-broker cluster of a test's own (infra/kafka/cluster.sh), whose nodes a test may kill and
 * restart, and in namespace mode cut off from the others and reconnect.
 */
export class LocalCluster {
  private readonly runDir: string;
  private brokerList?: string[];

  constructor(
    private readonly portBase: number,
    private readonly controllerPortBase: number,
    name: string,
    private readonly options: LocalClusterOptions = {},
  ) {
    this.runDir = join(WORKSPACE, '.run', name);
  }

  get netns(): boolean {
    return this.options.netns === true;
  }

  /** The bootstrap list, as `cluster.sh brokers` prints it (the namespace addresses in that mode). */
  get brokers(): string[] {
    this.brokerList ??= execFileSync('bash', [join(WORKSPACE, 'infra/kafka/cluster.sh'), 'brokers'], { env: this.env(), cwd: WORKSPACE, encoding: 'utf8' })
      .trim()
      .split(',');
    return this.brokerList;
  }

  start = () => this.script('start');
  killNode = (node: 1 | 2 | 3) => this.script('kill-node', String(node));
  startNode = (node: 1 | 2 | 3) => this.script('start-node', String(node));
  /** Namespace mode: cuts the node off from the other nodes and every client; its broker runs on. */
  partitionNode = (node: 1 | 2 | 3) => this.script('partition-node', String(node));
  /** Namespace mode: reconnects a partitioned node. */
  healNode = (node: 1 | 2 | 3) => this.script('heal-node', String(node));

  /** Stops every node (removing namespaces, veths and bridge in that mode) and deletes the cluster's data. */
  async remove(): Promise<void> {
    await this.script('stop');
    rmSync(this.runDir, { recursive: true, force: true });
  }

  private env(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      KAFKA_CLUSTER_PORT: String(this.portBase),
      KAFKA_CLUSTER_CONTROLLER_PORT: String(this.controllerPortBase),
      KAFKA_CLUSTER_NETNS: this.netns ? '1' : '0',
      TRIALSTREAM_RUN: this.runDir,
    };
  }

  private async script(...args: string[]) {
    await run('bash', [join(WORKSPACE, 'infra/kafka/cluster.sh'), ...args], { env: this.env(), cwd: WORKSPACE });
  }
}
