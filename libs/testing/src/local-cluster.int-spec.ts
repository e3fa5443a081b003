import { execFile } from 'node:child_process';
import { createConnection } from 'node:net';
import { promisify } from 'node:util';
import { partitionsOf, sendAcknowledged, TopicPartitions, type Placed, type TopicBatch } from '@trialstream/kafka-delivery';
import { ConfigResourceTypes, Kafka, logLevel, type Admin, type Consumer, type Message, type Producer } from 'kafkajs';
import { loopbackBrokers } from './kafka-load';
import { LocalCluster } from './local-broker';
import { waitFor } from './wait-for';

const run = promisify(execFile);
const TOPIC = 'netns-partition';
const PARTITIONS = 6;
const PER_PHASE = 300;
type Node = 1 | 2 | 3;

/** Whether a TCP connection to host:port opens within the timeout (no answer at all counts as no). */
function reachable(address: string, timeoutMs = 1_500): Promise<boolean> {
  const [host, port] = [address.slice(0, address.lastIndexOf(':')), Number(address.slice(address.lastIndexOf(':') + 1))];
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

// The real thing on the real network stack: three KRaft brokers, each in its own network namespace,
// one cut off from the others and from this process (a partition, its broker still running), then
// reconnected. Needs root (ip netns).
describe('a three-broker cluster with each broker in its own network namespace', () => {
  const cluster = new LocalCluster(29192, 29292, `local-cluster-netns-${process.pid}`, { netns: true });
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let consumer: Consumer | undefined;
  const acknowledged: string[] = [];
  let partitioned: Node;

  const clientOf = (brokers: string[], clientId: string) =>
    new Kafka({
      clientId,
      brokers: loopbackBrokers({ KAFKA_BROKERS: brokers.join(',') }, cluster.brokers),
      logLevel: logLevel.NOTHING,
      connectionTimeout: 1_000,
      // A request to a partitioned broker never gets an answer: give up on it soon and look again.
      requestTimeout: 4_000,
      retry: { retries: 30, initialRetryTime: 300, maxRetryTime: 2_000 },
    });
  const metadata = async () => (await admin.fetchTopicMetadata({ topics: [TOPIC] })).topics[0].partitions;
  /**
   * The topic's partitions as the brokers still connected see them, through an admin of their own:
   * kafkajs keeps asking the broker it asked before, and a cut-off one never answers (a test run
   * failed on its metadata requests timing out for 30 s).
   */
  const metadataFromConnected = async () => {
    const connected = cluster.brokers.filter((_, index) => index + 1 !== partitioned);
    const ownAdmin = clientOf(connected, 'local-cluster-netns-test-connected').admin();
    await ownAdmin.connect();
    try {
      return (await ownAdmin.fetchTopicMetadata({ topics: [TOPIC] })).topics[0].partitions;
    } finally {
      await ownAdmin.disconnect();
    }
  };
  // Fetched on the first send, before any broker is cut off (an admin request to a cut-off broker times out).
  let partitionsOfTopic: TopicPartitions;

  /**
   * Sends a phase's messages (keyed, so spread over every partition) with acks from all in-sync
   * replicas, and sends a partition's messages again while its acknowledgement is missing
   * (sendAcknowledged, as the services do: tulios/kafkajs#1303). Returns how many sends it took.
   */
  async function produce(phase: string): Promise<number> {
    let pending: TopicBatch[] = [{ topic: TOPIC, messages: Array.from({ length: PER_PHASE }, (_, i) => ({ key: `${phase}-${i}`, value: `${phase}-${i}` })) }];
    let unwritten: TopicBatch<Message & Placed>[] = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      unwritten = await sendAcknowledged(producer, partitionsOfTopic.lookup, pending);
      const left = new Set(unwritten.flatMap((b) => b.messages.map((m) => String(m.key))));
      acknowledged.push(...pending.flatMap((b) => b.messages.map((m) => String(m.key))).filter((key) => !left.has(key)));
      if (unwritten.length === 0) return attempt;
      pending = unwritten;
    }
    throw new Error(`${phase}: partitions ${partitionsOf(unwritten).join(', ')} never acknowledged`);
  }

  beforeAll(async () => {
    await cluster.start();
    kafka = clientOf(cluster.brokers, 'local-cluster-netns-test');
    admin = kafka.admin();
    partitionsOfTopic = new TopicPartitions(admin);
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic: TOPIC, numPartitions: PARTITIONS, replicationFactor: 3, configEntries: [{ name: 'min.insync.replicas', value: '2' }] }],
    });
    // kafkajs retries a produce request that timed out against the leader it knows, and looks the
    // leaders up again only once its metadata is metadataMaxAge old (five minutes by default): with a
    // partitioned leader, which never answers, the send would hang that long.
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, metadataMaxAge: 2_000 });
    await producer.connect();
  }, 180_000);

  afterAll(async () => {
    await consumer?.disconnect().catch(() => undefined);
    await producer?.disconnect().catch(() => undefined);
    await admin?.disconnect().catch(() => undefined);
    await cluster.remove();
  }, 120_000);

  it('runs the brokers at their namespace addresses, which only the cluster itself may add to the loopback tools', async () => {
    expect(cluster.brokers).toEqual(['10.114.8.11:29192', '10.114.8.12:29193', '10.114.8.13:29194']);
    expect(() => loopbackBrokers({ KAFKA_BROKERS: cluster.brokers.join(',') })).toThrow(/not a loopback address/);
    const partitions = await metadata();
    expect(partitions.every((p) => p.replicas.length === 3 && p.isr.length === 3)).toBe(true);
    const configs = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: TOPIC, configNames: ['min.insync.replicas'] }] });
    expect(configs.resources[0].configEntries[0].configValue).toBe('2');
    await produce('before');
  });

  it('cuts a leading broker off from this namespace and from the other brokers, while it runs on', async () => {
    partitioned = (await metadata()).find((p) => p.partitionId === 0)!.leader as Node;
    const others = ([1, 2, 3] as Node[]).filter((n) => n !== partitioned);
    await cluster.partitionNode(partitioned);

    expect(await reachable(cluster.brokers[partitioned - 1])).toBe(false);
    for (const n of others) expect(await reachable(cluster.brokers[n - 1])).toBe(true);
    // From a neighbour's namespace (cluster.sh names them trialstream-kafka-<port base>-<node>).
    const fromNeighbour = run('ip', ['netns', 'exec', `trialstream-kafka-29192-${others[0]}`, 'timeout', '2', 'bash', '-c', `exec 3<>/dev/tcp/${cluster.brokers[partitioned - 1].replace(':', '/')}`]);
    await expect(fromNeighbour).rejects.toThrow();
    // Partitioned, not killed: its broker is still listening inside its namespace.
    const [host, port] = cluster.brokers[partitioned - 1].split(':');
    await run('ip', ['netns', 'exec', `trialstream-kafka-29192-${partitioned}`, 'timeout', '2', 'bash', '-c', `exec 3<>/dev/tcp/${host}/${port}`]);
  });

  it('keeps taking acks=all writes once leadership moved to the two connected brokers', async () => {
    // The first send usually comes back without the lost leader's partitions; the next finds the new leaders.
    await produce('partitioned');
    // The controller fenced the cut-off broker: it leads nothing and is in no ISR.
    await waitFor(
      'the partitioned broker out of every ISR',
      async () => ((await metadataFromConnected()).every((p) => p.leader !== partitioned && !p.isr.includes(partitioned) && p.isr.length === 2) ? true : undefined),
      30_000,
      500,
    );
  }, 90_000);

  it('takes the broker back into every ISR once healed', async () => {
    await cluster.healNode(partitioned);
    expect(await reachable(cluster.brokers[partitioned - 1])).toBe(true);
    await waitFor('three in-sync replicas again', async () => ((await metadata()).every((p) => p.isr.length === 3) ? true : undefined), 60_000, 500);
    await produce('healed');
  }, 90_000);

  it('reads back every acknowledged message exactly once', async () => {
    const seen = new Map<string, number>();
    consumer = kafka.consumer({ groupId: `local-cluster-netns-${Date.now()}` });
    await consumer.connect();
    await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const key = message.key?.toString() ?? '';
        seen.set(key, (seen.get(key) ?? 0) + 1);
      },
    });
    const total = () => [...seen.values()].reduce((a, b) => a + b, 0);
    await waitFor('every message read back', async () => (total() >= acknowledged.length ? true : undefined), 60_000);
    // A moment more for any duplicate still on its way.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(acknowledged.length).toBe(3 * PER_PHASE);
    expect([...seen.keys()].sort()).toEqual([...acknowledged].sort());
    expect([...seen.entries()].filter(([, n]) => n !== 1)).toEqual([]);
  }, 90_000);
});
