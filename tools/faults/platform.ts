import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { deadLetterTopic, TOPICS, type ConsumingService, type TopicDefinition } from '@trialstream/contracts';
import { setTimeout as sleep } from 'node:timers/promises';
import { deleteWithPrefix, freePort, kafkaClient, LocalBroker, LocalCluster, ServiceInstance, serviceEnv } from '@trialstream/testing';
import type { Kafka } from 'kafkajs';
import { Client } from 'pg';
import { ServiceDatabase, type ServiceDatabases } from './observe';
import type { PrivatePostgres } from './postgres';

/**
 * The platform under fault: a broker of the run's own (so it may be stopped), and the four built
 * services as processes with databases and a topic prefix of this run. Reached only over Kafka and
 * HTTP, like the benchmark's stack, whose service processes it reuses.
 */

export const WORKSPACE = join(__dirname, '../..');
/** The reference trial the registry publishes on its first start (NCT02491658, 30 subjects). */
export const TRIAL = 'NCT02491658';

export const SERVICES = ['registry', 'enrollment', 'infusion-tracking', 'safety'] as const satisfies readonly ConsumingService[];
export type Service = (typeof SERVICES)[number];

export interface PlatformOptions {
  suffix: string;
  /** The run's own broker on this port (and controller port), or a three-broker cluster from this port on. */
  brokerPort: number;
  controllerPort: number;
  cluster: boolean;
  /** The cluster's brokers in network namespaces of their own, so that one can be cut off. */
  netns: boolean;
  httpPortBase: number;
  pgUrl: string;
  /** Databases on a PostgreSQL server of the run's own (which the run may crash) instead of pgUrl's. */
  privatePostgres?: PrivatePostgres;
  logDir: string;
}

export class FaultPlatform {
  readonly prefix: string;
  private readonly broker: LocalBroker | LocalCluster;
  readonly kafka: Kafka;
  /** Instances per service; the first is the one started with the platform. */
  readonly instances = new Map<Service, ServiceInstance[]>();
  private readonly ports = new Set<number>();

  constructor(private readonly options: PlatformOptions) {
    this.prefix = `faults-${options.suffix}.`;
    this.broker = options.cluster
      ? new LocalCluster(options.brokerPort, options.controllerPort, `faults/cluster-${options.suffix}`, { netns: options.netns })
      : new LocalBroker(options.brokerPort, options.controllerPort, `faults/kafka-${options.suffix}`);
    this.kafka = kafkaClient(this.broker.brokers, 'trialstream-faults');
  }

  get brokers(): string[] {
    return this.broker.brokers;
  }

  /** What the broker fault does here: the one broker stopped and started, or one of three SIGKILLed and brought back. */
  get brokerFault(): string {
    return this.broker instanceof LocalCluster ? 'broker 2 of 3 SIGKILLed, back after 5 s' : 'broker stopped and started';
  }

  async bounceBroker(): Promise<void> {
    await this.brokerDown();
    // On the cluster, long enough for clients to notice and leaders to move: a machine lost, then replaced.
    if (this.broker instanceof LocalCluster) await sleep(5_000);
    await this.brokerUp();
  }

  /** What brokerDown does here. */
  get brokerDownFault(): string {
    return this.broker instanceof LocalCluster ? 'broker 2 of 3 SIGKILLed' : 'broker stopped';
  }

  async brokerDown(): Promise<void> {
    if (this.broker instanceof LocalCluster) await this.broker.killNode(2);
    else await this.broker.stop();
  }

  async brokerUp(): Promise<void> {
    if (this.broker instanceof LocalCluster) await this.broker.startNode(2);
    else await this.broker.start();
  }

  /** Broker 2 of 3 cut off from the other brokers and every client (its process runs on), then reconnected. */
  async partitionBroker(ms: number): Promise<void> {
    if (!(this.broker instanceof LocalCluster) || !this.broker.netns) throw new Error('a network partition needs the cluster in namespaces (--cluster --netns)');
    await this.broker.partitionNode(2);
    await sleep(ms);
    await this.broker.healNode(2);
  }

  /**
   * Freezes (SIGSTOP) the instance at a moment its service's outbox holds committed rows not yet
   * published, and returns how many it holds once frozen (at least one). A relay publishes within
   * milliseconds of a commit, so it freezes on sight and looks again, until it catches one.
   */
  async freezeWithUnpublished(service: Service, instance: ServiceInstance, timeoutMs: number): Promise<number> {
    const client = new Client({ connectionString: `${this.pgUrl}/${this.database(service)}` });
    await client.connect();
    const unpublished = async () => (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox_message WHERE published_at IS NULL')).rows[0].n;
    try {
      for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
        if ((await unpublished()) === 0) continue;
        instance.freeze();
        const frozenWith = await unpublished();
        if (frozenWith > 0) return frozenWith;
        instance.thaw();
      }
      throw new Error(`${service}'s outbox never held an unpublished row within ${timeoutMs / 1000} s`);
    } finally {
      await client.end();
    }
  }

  topic(definition: TopicDefinition): string {
    return `${this.prefix}${definition.name}`;
  }

  get ingress(): string {
    return this.topic(TOPICS.sponsorIngress);
  }

  deadLetters(service: ConsumingService): string {
    return this.topic(deadLetterTopic(service));
  }

  database(service: Service): string {
    return `trialstream_faults_${this.options.suffix}_${service.replace(/-/g, '_')}`;
  }

  get databases(): ServiceDatabases {
    const db = (s: Service) => new ServiceDatabase(`${this.pgUrl}/${this.database(s)}`);
    return { registry: db('registry'), enrollment: db('enrollment'), infusionTracking: db('infusion-tracking'), safety: db('safety') };
  }

  instance(service: Service, n = 0): ServiceInstance {
    const instance = this.instances.get(service)?.[n];
    if (!instance) throw new Error(`${service} instance ${n + 1} is not started`);
    return instance;
  }

  /** A running instance, for HTTP calls (the first may have been killed on purpose). */
  live(service: Service): ServiceInstance {
    const instance = this.instances.get(service)?.find((i) => !i.exited);
    if (!instance) throw new Error(`no ${service} instance is running`);
    return instance;
  }

  /** Consumers first, then the registry, which publishes the reference trial on its first start. */
  private get pgUrl(): string {
    return this.options.privatePostgres?.url ?? this.options.pgUrl;
  }

  /** PostgreSQL crashed (immediate stop) and started again; only ever the run's own server. */
  async crashPostgres(): Promise<void> {
    const postgres = this.options.privatePostgres;
    if (!postgres) throw new Error('no private PostgreSQL in this run (--postgres-restart)');
    await postgres.crash();
    await postgres.start();
  }

  async start(): Promise<void> {
    mkdirSync(this.options.logDir, { recursive: true });
    await this.options.privatePostgres?.start();
    await this.broker.start();
    for (const service of ['enrollment', 'infusion-tracking', 'safety', 'registry'] as const) await this.addInstance(service);
  }

  /** One more instance of a service: same database, same consumer group, its own HTTP port. */
  async addInstance(service: Service): Promise<ServiceInstance> {
    const list = this.instances.get(service) ?? [];
    const port = await freePort(this.options.httpPortBase, this.ports);
    const env = {
      ...serviceEnv({ prefix: this.prefix, database: (s) => this.database(s as Service) }, service, port, this.broker.brokers, this.pgUrl),
      // On the cluster, the services run unchanged but for configuration: three replicas per topic.
      ...(this.options.cluster ? { KAFKA_REPLICATION_FACTOR: '3' } : {}),
    };
    const instance = new ServiceInstance(service, port, WORKSPACE, env, join(this.options.logDir, `${service}-${list.length + 1}.log`));
    list.push(instance);
    this.instances.set(service, list);
    await instance.start(90_000);
    return instance;
  }

  /** Services that died without being killed by the run: a crash is a finding, not noise. */
  deadInstances(killed: Set<ServiceInstance>): string[] {
    return [...this.instances.entries()].flatMap(([service, list]) => list.filter((i) => i.exited && !killed.has(i)).map((i) => `${service} on port ${i.port}`));
  }

  async stopServices(): Promise<void> {
    await Promise.all([...this.instances.values()].flat().map((i) => i.stop()));
  }

  /** Topics and groups of the run, then its databases, then the broker and its data. */
  async remove(): Promise<void> {
    await this.stopServices();
    await deleteWithPrefix(this.kafka, this.prefix).catch(() => undefined); // the broker is removed next anyway
    if (this.options.privatePostgres) {
      await this.options.privatePostgres.remove(); // its databases go with it
    } else {
      const client = new Client({ connectionString: `${this.options.pgUrl}/postgres`, connectionTimeoutMillis: 5_000 });
      await client.connect();
      try {
        for (const service of SERVICES) await client.query(`DROP DATABASE IF EXISTS "${this.database(service)}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    }
    await this.broker.remove();
  }
}
