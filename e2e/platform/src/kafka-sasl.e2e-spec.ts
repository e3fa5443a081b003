// A service and a sponsor system through a SASL_SSL listener (SCRAM-SHA-512 over TLS) on a broker of
// the test's own (`kafka.sh start-secure`), with the ACLs the script creates. The service is talked
// to through Kafka only; its readiness probe is the one HTTP call.
import { randomUUID } from 'node:crypto';
import { TOPICS, type TopicDefinition } from '@trialstream/contracts';
import { dropDatabases, eligibleScreening, KafkaProbe, POSTGRES_URL, SecureLocalBroker, queryDatabase, type ReceivedMessage, sampleEnvelope, sampleProtocolPublished, sampleTrialRegistered, TEST_AUTH_ENV, uniqueSuffix, waitFor } from '@trialstream/testing';
import { subjectEnrolled } from './enrollment-events';
import { testPort } from './platform-under-test';
import { ServiceProcess } from './service-process';
import { runTrialctl as trialctl } from './trialctl-process';

const TRIAL = 'NCT09400001';
const NOT_AUTHORIZED = /Not authorized to access topics: \[Topic authorization failed\]/;

describe('Kafka over SASL_SSL with ACLs: a service and a sponsor through the secure listener', () => {
  const suffix = uniqueSuffix();
  const prefix = `e2e-${suffix}.`;
  const topic = (definition: TopicDefinition) => `${prefix}${definition.name}`;
  const database = `trialstream_e2e_${suffix}_enrollment`;
  // Ports follow E2E_PORT_BASE (19100 and 19101 by default), so runs on one machine keep apart.
  const broker = new SecureLocalBroker(testPort(0) + 16_000, testPort(0) + 16_001, `e2e-secure-broker-${process.pid}`, prefix);
  const clients: KafkaProbe[] = [];
  const client = (...args: ConstructorParameters<typeof KafkaProbe>) => {
    const probe = new KafkaProbe(...args);
    clients.push(probe);
    return probe;
  };
  let enrollment: ServiceProcess;
  let admin: KafkaProbe;
  let enrollmentEvents: ReceivedMessage[];

  beforeAll(async () => {
    await broker.start();
    admin = client(broker.brokers, broker.login('admin'));
    enrollment = new ServiceProcess('enrollment', testPort(2), {
      ...TEST_AUTH_ENV,
      DATABASE_URL: `${POSTGRES_URL}/${database}`,
      KAFKA_BROKERS: broker.brokers.join(','),
      KAFKA_TOPIC_PREFIX: prefix,
      KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'trialstream-service',
      KAFKA_SASL_PASSWORD_FILE: broker.passwordFile('trialstream-service'),
      KAFKA_SSL_CA_FILE: broker.caFile,
      OUTBOX_POLL_INTERVAL_MS: '100',
    });
    // Ready means its admin client answers; at start it created the platform's topics as trialstream-service.
    await enrollment.start();
    enrollmentEvents = await admin.watch(topic(TOPICS.enrollmentEvents));
  }, 180_000);

  afterAll(async () => {
    await enrollment?.stop('SIGKILL');
    await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
    await broker.remove();
    await dropDatabases([database]);
  }, 60_000);

  it('turns a sponsor’s ScreeningSubmitted on the ingress topic into SubjectScreened', async () => {
    // The registry's events, published by the admin principal in the registry's place.
    await admin.produce(topic(TOPICS.registryEvents), [
      { key: TRIAL, value: JSON.stringify(sampleEnvelope(sampleTrialRegistered(TRIAL), { producer: 'registry' })) },
      { key: TRIAL, value: JSON.stringify(sampleEnvelope(sampleProtocolPublished(TRIAL), { type: 'ProtocolVersionPublished', producer: 'registry' })) },
    ]);
    await waitFor('the protocol in enrollment', async () =>
      (await queryDatabase(database, 'SELECT 1 FROM trial_enrollment_policy WHERE trial_id = $1', [TRIAL])).length === 1 ? true : undefined,
    );

    const sponsor = client(broker.brokers, broker.login('sponsor'));
    const subjectId = 'SASL-0001';
    const screening = sampleEnvelope(eligibleScreening(subjectId), { type: 'ScreeningSubmitted', trialId: TRIAL, subjectId, producer: 'sponsor-edc' });
    await sponsor.produce(topic(TOPICS.sponsorIngress), [{ key: subjectId, value: JSON.stringify(screening) }]);

    const screened = await waitFor('SubjectScreened on the wire', async () =>
      enrollmentEvents.find((m) => m.key === subjectId && m.headers['event-type'] === 'SubjectScreened'),
    );
    expect(JSON.parse(screened.value!)).toMatchObject({
      type: 'SubjectScreened',
      producer: 'enrollment',
      correlationId: screening.correlationId,
      payload: { subjectId, siteId: 'BJ-01', protocolVersion: 1, eligible: true },
    });
    // The service logged in with its password and never wrote it out.
    expect(enrollment.logs).not.toContain(broker.password('trialstream-service'));
  });

  it('refuses the sponsor every topic but the ingress topic', async () => {
    const sponsor = client(broker.brokers, broker.login('sponsor'));
    const forged = { key: 'SASL-0002', value: JSON.stringify(sampleEnvelope({ subjectId: 'SASL-0002' }, { type: 'SubjectScreened', trialId: TRIAL })) };
    await expect(sponsor.produce(topic(TOPICS.enrollmentEvents), [forged])).rejects.toThrow(NOT_AUTHORIZED);
    await expect(sponsor.produce(topic(TOPICS.registryEvents), [forged])).rejects.toThrow(NOT_AUTHORIZED);
    // Nor may it read what it writes: no consumer group is open to it. The broker answers its
    // FindCoordinator with GROUP_AUTHORIZATION_FAILED, which kafkajs reports as no coordinator found
    // (the same call succeeds for the safety monitor in its group, below).
    await expect(sponsor.joinGroup(topic(TOPICS.sponsorIngress), `${prefix}sponsor`)).rejects.toThrow(/Failed to find group coordinator/);
    expect(enrollmentEvents.filter((m) => m.key === 'SASL-0002')).toEqual([]);
  });

  it('lets the safety monitor read the alerts topic in its own consumer group, and not write it', async () => {
    const alert = { key: TRIAL, value: JSON.stringify(sampleEnvelope({ trialId: TRIAL }, { type: 'SafetyAlertRaised', producer: 'safety' })) };
    await admin.produce(topic(TOPICS.safetyAlerts), [alert]);

    const monitor = client(broker.brokers, broker.login('safety-monitor'));
    const alerts = await monitor.watch(topic(TOPICS.safetyAlerts), `${prefix}safety-monitor`);
    await waitFor('the alert read by the safety monitor', async () => (alerts.length === 1 ? true : undefined));
    expect(alerts[0].value).toBe(alert.value);

    await expect(monitor.produce(topic(TOPICS.safetyAlerts), [alert])).rejects.toThrow(NOT_AUTHORIZED);
    await expect(monitor.joinGroup(topic(TOPICS.enrollmentEvents), `${prefix}safety-monitor`)).rejects.toThrow(NOT_AUTHORIZED);
  });

  /** trialctl's environment to log in as `user`, as the services do, without the password. */
  const trialctlLogin = (user: string) => ({
    KAFKA_BROKERS: broker.brokers.join(','),
    KAFKA_TOPIC_PREFIX: prefix,
    KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
    KAFKA_SASL_USERNAME: user,
    KAFKA_SSL_CA_FILE: broker.caFile,
  });

  it('lets the safety monitor tail the alerts with trialctl (a group of its own under the prefix), and no other topic', async () => {
    const login = { ...trialctlLogin('safety-monitor'), KAFKA_SASL_PASSWORD_FILE: broker.passwordFile('safety-monitor') };
    const alerts = [1, 2].map(() => sampleEnvelope({ trialId: TRIAL }, { type: 'SafetyAlertRaised', producer: 'safety' }));
    await admin.produce(topic(TOPICS.safetyAlerts), alerts.map((alert) => ({ key: TRIAL, value: JSON.stringify(alert) })));
    // Every alert on the topic (a test before may have put some there first), read as the admin.
    const onTopic = await admin.watch(topic(TOPICS.safetyAlerts));
    const ids = () => onTopic.map((m) => JSON.parse(m.value!).eventId);
    await waitFor('both alerts on the topic', async () => (alerts.every((a) => ids().includes(a.eventId)) ? true : undefined));
    const tail = await trialctl(['tail', 'safety.alerts', '--from-beginning', '--max-messages', String(onTopic.length), '--json'], login);
    expect(tail).toMatchObject({ code: 0, stderr: '' });
    const tailed = tail.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(tailed.every((m) => m.topic === topic(TOPICS.safetyAlerts))).toBe(true);
    expect(tailed.map((m) => JSON.parse(m.value).eventId)).toEqual(expect.arrayContaining(alerts.map((a) => a.eventId)));

    const refused = await trialctl(['tail', 'enrollment.events', '--from-beginning', '--max-messages', '1'], login);
    expect(refused).toMatchObject({ code: 5, stdout: '' });
    expect(refused.stderr).toMatch(/^trialctl: reading .*enrollment\.events\.v1 failed: Not authorized to access topics/);
  });

  it('lets trialctl publish as the sponsor through the secure listener, logging in from the variables the services read', async () => {
    const login = trialctlLogin('sponsor');
    const subjectId = 'SASL-CLI-1';
    const screening = sampleEnvelope(eligibleScreening(subjectId), { type: 'ScreeningSubmitted', trialId: TRIAL, subjectId, producer: 'sponsor-edc' });
    const run = await trialctl(['publish', '-'], { ...login, KAFKA_SASL_PASSWORD_FILE: broker.passwordFile('sponsor') }, JSON.stringify(screening));
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe(`published ScreeningSubmitted v1 ${screening.eventId} to ${topic(TOPICS.sponsorIngress)} key=${subjectId}\n`);
    await waitFor('SubjectScreened for the screening trialctl published', async () =>
      enrollmentEvents.find((m) => m.key === subjectId && m.headers['event-type'] === 'SubjectScreened'),
    );

    const impostor = await trialctl(['publish', '-'], { ...login, KAFKA_SASL_PASSWORD: 'not-the-password' }, JSON.stringify({ ...screening, eventId: randomUUID() }));
    expect(impostor).toMatchObject({ code: 5, stdout: '' });
    expect(impostor.stderr).toMatch(/^trialctl: the broker at .* refused the login: SASL SCRAM SHA512 authentication failed/);
    expect(impostor.stderr).not.toContain('not-the-password');

    // An event of a topic the sponsor's ACLs do not let it write: the broker refuses, exit status 5.
    const notTheirs = await trialctl(['publish', '-'], { ...login, KAFKA_SASL_PASSWORD_FILE: broker.passwordFile('sponsor') }, JSON.stringify(subjectEnrolled(TRIAL, 'SASL-CLI-2')));
    expect(notTheirs).toMatchObject({ code: 5, stdout: '' });
    expect(notTheirs.stderr).toMatch(/^trialctl: sending to .*enrollment\.events\.v1 failed: /);

    const incomplete = await trialctl(['publish', '-'], login, JSON.stringify(screening));
    expect(incomplete).toMatchObject({ code: 2, stdout: '', stderr: 'trialctl: set exactly one of KAFKA_SASL_PASSWORD and KAFKA_SASL_PASSWORD_FILE with KAFKA_SECURITY_PROTOCOL=SASL_SSL\n' });
  });

  it('refuses a wrong password', async () => {
    const impostor = client(broker.brokers, broker.login('sponsor', 'not-the-password'));
    await expect(impostor.produce(topic(TOPICS.sponsorIngress), [{ key: 'SASL-0003', value: '{}' }])).rejects.toThrow(
      /SASL SCRAM SHA512 authentication failed.*invalid credentials/,
    );
  });
});
