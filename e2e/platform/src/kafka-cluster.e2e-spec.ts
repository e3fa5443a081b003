import { execFileSync } from 'node:child_process';
import { TOPICS } from '@trialstream/contracts';
import { LocalCluster, waitFor } from '@trialstream/testing';
import { PlatformUnderTest } from './platform-under-test';
import { eligibleScreening, screeningEvent } from './screenings';

const TRIAL = 'NCT02491658';

// A broker killed mid-stream is not here yet: in two runs of eight the enrollment consumer stalled
// (kafkajs kept retrying the lost broker, tulios/kafkajs#1439), once for minutes after it was back.
describe('the services on a three-broker cluster', () => {
  const cluster = new LocalCluster(29092, 29192, `e2e-cluster-${process.pid}`);
  let platform: PlatformUnderTest;

  const metadataOf = (topic: string) =>
    JSON.parse(execFileSync('kcat', ['-L', '-J', '-b', cluster.brokers[0], '-t', topic], { encoding: 'utf8' })).topics[0] as { partitions: { leader: number; replicas: unknown[] }[] };

  beforeAll(async () => {
    await cluster.start();
    // Unchanged services, configured for the cluster: its brokers, three replicas per topic.
    platform = new PlatformUnderTest(cluster.brokers, { KAFKA_REPLICATION_FACTOR: '3' });
    const enrollment = platform.downstream[0].service;
    await Promise.all([platform.registry.start(), enrollment.start()]);
    await waitFor('the reference protocol in enrollment', async () =>
      (await enrollment.getJson(`/trials/${TRIAL}/enrollment-policy`)).status === 200 ? true : undefined,
    );
  }, 240_000);

  afterAll(async () => {
    await platform?.cleanUp();
    await cluster.remove();
  });

  it('creates the platform topics with the configured three replicas', () => {
    const topic = metadataOf(platform.topic(TOPICS.enrollmentEvents));
    expect(topic.partitions.length).toBe(TOPICS.enrollmentEvents.partitions);
    expect(topic.partitions.every((p) => p.replicas.length === 3)).toBe(true);
  });

  it('screens every subject once across the three brokers', async () => {
    const screened = await platform.probe.watch(platform.topic(TOPICS.enrollmentEvents));
    await platform.probe.produce(
      platform.topic(TOPICS.sponsorIngress),
      Array.from({ length: 300 }, (_, i) => {
        const subjectId = `CLUSTER-${String(i).padStart(4, '0')}`;
        return { key: subjectId, value: JSON.stringify(screeningEvent(eligibleScreening(subjectId))) };
      }),
    );
    const subjects = () => new Set(screened.filter((m) => m.headers['event-type'] === 'SubjectScreened').map((m) => m.key));
    await waitFor('every subject screened on the wire', async () => (subjects().size === 300 ? true : undefined), 120_000);
    const [{ n }] = await platform.query<{ n: number }>('enrollment', `SELECT count(*)::int AS n FROM outbox_message WHERE event_type = 'SubjectScreened'`);
    expect(n).toBe(300);
  }, 200_000);
});
