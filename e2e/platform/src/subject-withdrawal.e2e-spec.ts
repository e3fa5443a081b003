import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deadLetterTopic, TOPICS, type EventEnvelope } from '@trialstream/contracts';
import { waitFor, type ReceivedMessage } from '@trialstream/testing';
import { subjectEnrolled, subjectWithdrawn } from './enrollment-events';
import { consumedWithOutcome, PlatformUnderTest } from './platform-under-test';

const TRIAL = 'NCT02491658';

interface Visit {
  kind: string;
  number: number;
  status: string;
}

describe('a withdrawal in infusion tracking, whichever of enrollment and withdrawal arrives first', () => {
  const platform = new PlatformUnderTest();
  const { registry, probe } = platform;
  const infusion = platform.downstream[1].service;
  let deadLetters: ReceivedMessage[];

  /** Events of one subject share a key, so they arrive in the order given. */
  const publish = (...events: EventEnvelope[]) =>
    probe.produce(platform.topic(TOPICS.enrollmentEvents), events.map((event) => ({ key: event.subjectId!, value: JSON.stringify(event) })));
  const visitsOf = async (subjectId: string, trial = TRIAL): Promise<Visit[]> => (await infusion.getJson(`/trials/${trial}/subjects/${subjectId}/visits`)).body;
  const handled = (event: EventEnvelope) =>
    waitFor(`infusion tracking to handle ${event.type} of ${event.subjectId}`, async () =>
      (await platform.query('infusion-tracking', 'SELECT 1 FROM processed_event WHERE event_id = $1', [event.eventId])).length ? true : undefined,
    );
  const visitsWith = (subjectId: string, status: string, count: number) =>
    waitFor(`${count} ${status} visits of ${subjectId}`, async () => {
      const visits = await visitsOf(subjectId);
      return visits.filter((v) => v.status === status).length === count ? visits : undefined;
    });

  beforeAll(async () => {
    // A parked enrollment is dead-lettered after 2 s here, not 30 minutes.
    await infusion.start({ PARKED_EVENT_TIMEOUT_SECONDS: '2', PARKED_EVENT_RETRY_MS: '200' });
    await registry.start();
    deadLetters = await probe.watch(platform.topic(deadLetterTopic('infusion-tracking')));
    await waitFor('the reference treatment plan', async () => ((await infusion.getJson(`/trials/${TRIAL}/treatment-plan`)).status === 200 ? true : undefined));
  });

  afterAll(() => platform.cleanUp());

  it('enrolled, then withdrawn: the visits after the withdrawal are cancelled', async () => {
    await publish(subjectEnrolled(TRIAL, 'S-500'));
    await visitsWith('S-500', 'PLANNED', 11);
    await publish(subjectWithdrawn(TRIAL, 'S-500'));
    const visits = await visitsWith('S-500', 'CANCELLED', 9);
    // Infusions 1 and 2 (8 and 15 June) came before the withdrawal on 20 June.
    expect(visits.filter((v) => v.status === 'PLANNED').map((v) => `${v.kind} ${v.number}`)).toEqual(['INFUSION 1', 'INFUSION 2']);
    expect((await infusion.getJson(`/trials/${TRIAL}/subjects/S-500/withdrawal`)).body).toMatchObject({ withdrawnBy: 'SUBJECT', withdrawalDate: '2015-06-20' });
  });

  it('withdrawn, then enrolled: nothing is planned, and the log says why', async () => {
    const enrolled = subjectEnrolled(TRIAL, 'S-501');
    await publish(subjectWithdrawn(TRIAL, 'S-501'), enrolled);
    await handled(enrolled);
    expect(await visitsOf('S-501')).toEqual([]);
    expect((await infusion.getJson(`/trials/${TRIAL}/subjects/S-501/withdrawal`)).body).toMatchObject({ subjectId: 'S-501', reason: 'moved away' });
    expect(infusion.logs).toMatch(/enrollment of a subject already withdrawn; no visits planned.*S-501/);
  });

  it('enrolled, withdrawn, then the enrollment again, as it was or under a new event id: no visit changes', async () => {
    const enrolled = subjectEnrolled(TRIAL, 'S-502');
    await publish(enrolled);
    await visitsWith('S-502', 'PLANNED', 11);
    await publish(subjectWithdrawn(TRIAL, 'S-502'));
    const afterWithdrawal = await visitsWith('S-502', 'CANCELLED', 9);

    const duplicates = await consumedWithOutcome(infusion, 'duplicate', 'SubjectEnrolled');
    const again = subjectEnrolled(TRIAL, 'S-502');
    await publish(enrolled, again);
    await handled(again);
    await waitFor('the redelivery stopped at the ledger', async () =>
      (await consumedWithOutcome(infusion, 'duplicate', 'SubjectEnrolled')) > duplicates ? true : undefined,
    );
    expect(await visitsOf('S-502')).toEqual(afterWithdrawal);
    expect(deadLetters.filter((m) => m.key === 'S-502')).toEqual([]);
  });

  it('an enrollment dead-lettered while its treatment plan was missing, replayed after the withdrawal: nothing is planned', async () => {
    const trial = 'NCT05000021';
    expect((await registry.postJson('/trials', { trialId: trial, briefTitle: 'UC-MSCs, fourth site', overallStatus: 'RECRUITING' })).status).toBe(201);
    const enrolled = subjectEnrolled(trial, 'S-503');
    await publish(enrolled);
    const [deadLetter] = await waitFor('the enrollment dead-lettered', async () => {
      const found = deadLetters.filter((m) => m.key === 'S-503');
      return found.length ? found : undefined;
    });
    expect(deadLetter.headers['dead-letter-kind']).toBe('PREREQUISITE_MISSING');

    const withdrawn = subjectWithdrawn(trial, 'S-503');
    await publish(withdrawn);
    await handled(withdrawn);
    const { publishedBy: _reference, ...protocol } = JSON.parse(readFileSync(join(__dirname, '../../../apps/registry/src/reference/nct02491658.protocol.json'), 'utf8'));
    expect((await registry.postJson(`/trials/${trial}/protocol-versions`, { ...protocol })).status).toBe(201);
    await waitFor('the treatment plan', async () => ((await infusion.getJson(`/trials/${trial}/treatment-plan`)).status === 200 ? true : undefined));

    expect((await infusion.postJson('/operations/dead-letters/replay?kind=PREREQUISITE_MISSING', {})).body).toMatchObject({ replayed: 1 });
    await handled(enrolled);
    expect(await visitsOf('S-503', trial)).toEqual([]);
  });
});
