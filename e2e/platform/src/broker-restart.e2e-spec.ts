import { TOPICS } from '@trialstream/contracts';
import { LocalBroker, waitFor, type ReceivedMessage } from '@trialstream/testing';
import { PlatformUnderTest } from './platform-under-test';
import { eligibleScreening, screeningEvent } from './screenings';

const TRIAL = 'NCT02491658';

describe('a broker restart in the middle of a stream of screenings', () => {
  const broker = new LocalBroker(9192, 9193, `e2e-broker-${process.pid}`);
  let platform: PlatformUnderTest;
  let screened: ReceivedMessage[];

  const send = (from: number, to: number) =>
    platform.probe.produce(
      platform.topic(TOPICS.sponsorIngress),
      Array.from({ length: to - from }, (_, i) => {
        const subjectId = `RESTART-${String(from + i).padStart(4, '0')}`;
        return { key: subjectId, value: JSON.stringify(screeningEvent(eligibleScreening(subjectId))) };
      }),
    );
  const screenedSubjects = () => new Set(screened.filter((m) => m.headers['event-type'] === 'SubjectScreened').map((m) => m.key));

  beforeAll(async () => {
    await broker.start();
    platform = new PlatformUnderTest(broker.brokers);
    const enrollment = platform.downstream[0].service;
    // Short client retries: sends fail while the broker is away (rather than outlast it), as in a long outage.
    await Promise.all([platform.registry.start(), enrollment.start({ KAFKA_RETRY_MAX_MS: '100' })]);
    screened = await platform.probe.watch(platform.topic(TOPICS.enrollmentEvents));
    await waitFor('the reference protocol in enrollment', async () =>
      (await enrollment.getJson(`/trials/${TRIAL}/enrollment-policy`)).status === 200 ? true : undefined,
    );
  });

  afterAll(async () => {
    await platform?.cleanUp();
    await broker.remove();
  });

  it('loses nothing and doubles nothing: every subject screened once, every event published', async () => {
    await send(0, 1500);
    await waitFor('the first screenings through', async () => (screenedSubjects().size >= 50 ? true : undefined), 30_000, 20);

    // Most of the stream is still being handled and relayed when the broker goes.
    await broker.stop();
    expect(screenedSubjects().size).toBeLessThan(1500);
    await broker.start();
    await send(1500, 1600);

    await waitFor('every subject screened on the wire', async () => (screenedSubjects().size === 1600 ? true : undefined), 90_000);
    const subjects = await platform.query<{ n: number }>('enrollment', `SELECT count(*)::int AS n FROM subject WHERE subject_id LIKE 'RESTART-%'`);
    expect(subjects[0].n).toBe(1600);
    const outbox = await platform.query<{ rows: number; events: number; unpublished: number }>(
      'enrollment',
      `SELECT count(*)::int AS rows, count(DISTINCT message_key)::int AS events, count(*) FILTER (WHERE published_at IS NULL)::int AS unpublished
         FROM outbox_message WHERE event_type = 'SubjectScreened'`,
    );
    // One SubjectScreened per subject was written; a copy on the wire (a re-send) would carry the same eventId.
    expect(outbox[0]).toEqual({ rows: 1600, events: 1600, unpublished: 0 });
    const onWire = screened.filter((m) => m.headers['event-type'] === 'SubjectScreened');
    expect(new Set(onWire.map((m) => m.headers['event-id'])).size).toBe(1600);
  });
});
