import { execFileSync } from 'node:child_process';
import { TOPICS, type ConsumingService, type TopicDefinition } from '@trialstream/contracts';
import { dropDatabases, KafkaProbe, kafkaBrokers, POSTGRES_URL, queryDatabase, TEST_AUTH_ENV, uniqueSuffix } from '@trialstream/testing';
import { ServiceProcess } from './service-process';

export interface KcatMessage {
  key: string;
  payload: string;
  /** kcat -J lists headers as [name, value, name, value, ...]. */
  headers: string[];
}

export function header(message: KcatMessage, name: string): string | undefined {
  const index = message.headers.indexOf(name);
  return index >= 0 ? message.headers[index + 1] : undefined;
}

/**
 * The four built services as processes with their own databases and topic prefix, so a test run
 * shares nothing with a running platform or another run.
 */
/** HTTP ports of the services under test start above this (E2E_PORT_BASE, so two runs can share a machine). */
const PORT_BASE = Number(process.env.E2E_PORT_BASE ?? 3100);

/** The n-th port of this run's range (1-4: the four services; 5 and up: extra instances). */
export function testPort(n: number): number {
  return PORT_BASE + n;
}

export class PlatformUnderTest {
  readonly suffix = uniqueSuffix();
  readonly prefix = `e2e-${this.suffix}.`;
  readonly probe: KafkaProbe;
  readonly registry: ServiceProcess;
  /** Each downstream service and the path where it shows its part of a trial's protocol. */
  readonly downstream: { service: ServiceProcess; part: string }[];

  /**
   * The services and the probe use these brokers (the shared test broker unless told otherwise);
   * `serviceEnv` adds to or overrides every service's settings.
   */
  constructor(
    private readonly brokers = kafkaBrokers(),
    private readonly serviceEnv: Record<string, string> = {},
  ) {
    this.probe = new KafkaProbe(brokers);
    this.registry = this.service('registry', testPort(1));
    this.downstream = [
      { service: this.service('enrollment', testPort(2)), part: 'enrollment-policy' },
      { service: this.service('infusion-tracking', testPort(3)), part: 'treatment-plan' },
      { service: this.service('safety', testPort(4)), part: 'safety-policy' },
    ];
  }

  get registryTopic(): string {
    return this.topic(TOPICS.registryEvents);
  }

  topic(definition: TopicDefinition): string {
    return `${this.prefix}${definition.name}`;
  }

  databaseOf(app: string): string {
    return `trialstream_e2e_${this.suffix}_${app.replace(/-/g, '_')}`;
  }

  query<R = Record<string, unknown>>(app: string, sql: string, params: unknown[] = []): Promise<R[]> {
    return queryDatabase<R>(this.databaseOf(app), sql, params);
  }

  /** Reads a topic with kcat, a Kafka client outside the monorepo. */
  readWithKcat(topic: string): KcatMessage[] {
    const out = execFileSync('kcat', ['-C', '-b', this.brokers[0], '-t', topic, '-o', 'beginning', '-e', '-q', '-J'], { encoding: 'utf8' });
    return out.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));
  }

  async startAll(): Promise<void> {
    await Promise.all(this.downstream.map(({ service }) => service.start()));
    await this.registry.start();
  }

  async cleanUp(): Promise<void> {
    await Promise.all([this.registry, ...this.downstream.map((d) => d.service)].map((s) => s.stop('SIGKILL')));
    await this.probe.close();
    await this.probe.deleteTopicsWithPrefix(this.prefix);
    await dropDatabases(['registry', 'enrollment', 'infusion-tracking', 'safety'].map((app) => this.databaseOf(app)));
  }

  /** One more instance of a service, sharing its database and consumer group. */
  service(app: ConsumingService, port: number): ServiceProcess {
    return new ServiceProcess(app, port, {
      ...TEST_AUTH_ENV,
      DATABASE_URL: `${POSTGRES_URL}/${this.databaseOf(app)}`,
      KAFKA_BROKERS: this.brokers.join(','),
      KAFKA_TOPIC_PREFIX: this.prefix,
      OUTBOX_POLL_INTERVAL_MS: '100',
      CONSUMER_RETRY_BACKOFF_MS: '50',
      ...this.serviceEnv,
    });
  }
}

/** How many events a service has counted with this outcome (of this type, if given), from its Prometheus metrics. */
export async function consumedWithOutcome(service: ServiceProcess, outcome: string, type?: string): Promise<number> {
  const metrics = await (await service.request('GET', '/metrics', undefined, {})).text();
  return metrics
    .split('\n')
    .filter((l) => l.startsWith('trialstream_events_consumed_total{') && l.includes(`outcome="${outcome}"`) && (!type || l.includes(`type="${type}"`)))
    .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
}
