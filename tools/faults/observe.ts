import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { IHeaders, Kafka } from 'kafkajs';
import { Client } from 'pg';
import type { AnswerRecord, EnrollmentView, InfusionView, PlatformView, SafetyView, ScreenedRecord } from './invariants';

/**
 * Reads what the platform holds, from outside it: each service's database (read-only queries) and
 * its topics from the beginning, into the shapes the invariant checker compares.
 */

export interface TopicRecord {
  key: string;
  value: string;
  headers: Record<string, string>;
  partition: number;
  offset: string;
}

function headerText(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k, String(Array.isArray(v) ? v[0] : v)]));
}

/**
 * Every message on the topic up to its end when called, partition by partition in offset order;
 * bounded. A reader whose group never got its partitions (a kafkajs consumer can stall joining a
 * group on a cluster that just lost and regained a broker) is given up and a new one, in a group of
 * its own, reads again: the checker must not fail for its own reader.
 */
export async function readTopic(kafka: Kafka, topic: string, groupPrefix: string, timeoutMs = 60_000, attempts = 3): Promise<TopicRecord[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await readTopicOnce(kafka, topic, groupPrefix, timeoutMs);
    } catch (error) {
      if (attempt >= attempts) throw error;
      console.log(`  ${(error as Error).message}; reading it again with a new reader (${attempt + 1} of ${attempts})`);
    }
  }
}

async function readTopicOnce(kafka: Kafka, topic: string, groupPrefix: string, timeoutMs: number): Promise<TopicRecord[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map<number, bigint>();
  try {
    for (const p of await admin.fetchTopicOffsets(topic)) if (BigInt(p.high) > BigInt(p.low)) ends.set(p.partition, BigInt(p.high) - 1n);
  } finally {
    await admin.disconnect();
  }
  const records: TopicRecord[] = [];
  if (ends.size === 0) return records;
  const consumer = kafka.consumer({ groupId: `${groupPrefix}reader-${randomUUID()}`, maxWaitTimeInMs: 100 });
  const pending = new Set(ends.keys());
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachBatch: async ({ batch }) => {
        for (const m of batch.messages) {
          records.push({ key: m.key?.toString() ?? '', value: m.value?.toString() ?? '', headers: headerText(m.headers), partition: batch.partition, offset: m.offset });
          if (BigInt(m.offset) >= (ends.get(batch.partition) ?? -1n)) pending.delete(batch.partition);
        }
      },
    });
    const deadline = Date.now() + timeoutMs;
    while (pending.size > 0) {
      if (Date.now() > deadline) throw new Error(`reading ${topic}: partitions ${[...pending].join(', ')} not read to their end within ${timeoutMs / 1000} s`);
      await sleep(50);
    }
  } finally {
    await consumer.disconnect();
  }
  return records.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
}

/** A service database of this run, one short connection per question. */
export class ServiceDatabase {
  constructor(private readonly url: string) {}

  async query<R>(sql: string, params: unknown[] = []): Promise<R[]> {
    const client = new Client({ connectionString: this.url, connectionTimeoutMillis: 5_000, statement_timeout: 30_000 });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as R[];
    } finally {
      await client.end();
    }
  }
}

const screenedFromTopic = (r: TopicRecord): ScreenedRecord | undefined => {
  if (r.headers['event-type'] !== 'SubjectScreened') return undefined;
  const envelope = JSON.parse(r.value) as { eventId: string; causationId?: string; payload: { subjectId: string; eligible: boolean } };
  return { subjectId: envelope.payload.subjectId, eventId: envelope.eventId, causationId: envelope.causationId ?? '', eligible: envelope.payload.eligible };
};

export async function enrollmentView(db: ServiceDatabase, kafka: Kafka, topics: { events: string; deadLetters: string }, groupPrefix: string): Promise<EnrollmentView> {
  const ledger = await db.query<{ event_id: string }>(`SELECT event_id FROM processed_event WHERE event_type = 'ScreeningSubmitted'`);
  const subjects = await db.query<{ subject_id: string; eligible: boolean }>('SELECT subject_id, eligible FROM subject');
  const outbox = await db.query<ScreenedRecord>(
    `SELECT message_key AS "subjectId", event_id AS "eventId", envelope->>'causationId' AS "causationId", (envelope->'payload'->>'eligible')::boolean AS eligible
       FROM outbox_message WHERE event_type = 'SubjectScreened' ORDER BY position`,
  );
  const wire = (await readTopic(kafka, topics.events, groupPrefix)).map(screenedFromTopic).filter((r): r is ScreenedRecord => r !== undefined);
  const deadLetters = (await readTopic(kafka, topics.deadLetters, groupPrefix)).map((r) => ({ key: r.key, reason: r.headers['dead-letter-reason'] ?? '' }));
  return { ledger: new Set(ledger.map((r) => r.event_id)), subjects: new Map(subjects.map((s) => [s.subject_id, { eligible: s.eligible }])), outbox, wire, deadLetters };
}

export async function infusionView(db: ServiceDatabase, kafka: Kafka, topic: string, groupPrefix: string): Promise<InfusionView> {
  const ledger = await db.query<{ event_id: string }>(`SELECT event_id FROM processed_event WHERE event_type IN ('InfusionAdministrationSubmitted', 'FollowUpVisitSubmitted')`);
  const recorded = await db.query<{ name: string; n: number }>(`SELECT subject_id || '/' || infusion_number AS name, count(*)::int AS n FROM infusion_administration GROUP BY 1`);
  const answers = (type: string) =>
    db.query<AnswerRecord>(`SELECT message_key AS "subjectId", event_id AS "eventId", envelope->>'causationId' AS "causationId" FROM outbox_message WHERE event_type = $1 ORDER BY position`, [type]);
  const visits = await db.query<{ name: string; within: boolean }>(`SELECT subject_id || '/' || visit_number AS name, within_window AS within FROM follow_up_visit`);
  const deviations = await db.query<InfusionView['deviations'][number]>(
    `SELECT message_key AS "subjectId", (envelope->'payload'->>'infusionNumber')::int AS "infusionNumber", envelope->'payload'->>'kind' AS kind
       FROM outbox_message WHERE event_type = 'ProtocolDeviationRecorded'`,
  );
  const completed = await db.query<{ s: string; n: number }>(`SELECT message_key AS s, count(*)::int AS n FROM outbox_message WHERE event_type = 'TreatmentCompleted' GROUP BY 1`);
  const onTopic = await readTopic(kafka, topic, groupPrefix);
  const wire = (type: string) =>
    onTopic
      .filter((r) => r.headers['event-type'] === type)
      .map((r) => {
        const envelope = JSON.parse(r.value) as { eventId: string; causationId?: string };
        return { subjectId: r.key, eventId: envelope.eventId, causationId: envelope.causationId ?? '' };
      });
  return {
    ledger: new Set(ledger.map((r) => r.event_id)),
    recorded: new Map(recorded.map((r) => [r.name, r.n])),
    outbox: await answers('InfusionAdministered'),
    wire: wire('InfusionAdministered'),
    treatmentCompleted: new Map(completed.map((r) => [r.s, r.n])),
    deviations,
    followUps: { recorded: new Map(visits.map((v) => [v.name, v.within])), outbox: await answers('FollowUpVisitRecorded'), wire: wire('FollowUpVisitRecorded') },
  };
}

export async function safetyView(db: ServiceDatabase): Promise<SafetyView> {
  const caseVersions = await db.query<{ subjectId: string; reportId: string }>(
    `SELECT c.subject_id AS "subjectId", v.report_id AS "reportId" FROM ae_case_version v JOIN ae_case c USING (trial_id, case_id)`,
  );
  return { caseVersions };
}

export interface ServiceDatabases {
  enrollment: ServiceDatabase;
  infusionTracking: ServiceDatabase;
  safety: ServiceDatabase;
  registry: ServiceDatabase;
}

const count = async (db: ServiceDatabase, sql: string) => (await db.query<{ n: number }>(sql))[0].n;

export async function platformView(dbs: ServiceDatabases, trialId: string): Promise<PlatformView> {
  const enrolledIn = async (db: ServiceDatabase, sql: string) => (await db.query<{ s: string }>(sql, [trialId])).map((r) => r.s);
  const [policy] = await dbs.enrollment.query<{ target: number }>('SELECT enrollment_target AS target FROM trial_enrollment_policy WHERE trial_id = $1', [trialId]);
  const services = Object.entries(dbs) as [keyof ServiceDatabases, ServiceDatabase][];
  const unpublished: Record<string, number> = {};
  const parked: Record<string, number> = {};
  for (const [name, db] of services) {
    unpublished[name] = await count(db, 'SELECT count(*)::int AS n FROM outbox_message WHERE published_at IS NULL');
    parked[name] = await count(db, 'SELECT count(*)::int AS n FROM parked_event');
  }
  const timers = (
    await dbs.infusionTracking.query<PlatformView['timers']>(
      `SELECT (SELECT count(*)::int FROM scheduled_event WHERE fired_at IS NOT NULL) AS fired,
              (SELECT count(*)::int FROM scheduled_event s WHERE fired_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM outbox_message o WHERE o.event_id = s.fired_event_id)) AS "firedWithoutEvent",
              (SELECT count(*)::int FROM (SELECT 1 FROM outbox_message WHERE event_type = 'InfusionMissed'
                  GROUP BY message_key, envelope->'payload'->>'infusionNumber' HAVING count(*) > 1) d) AS "missedTwice"`,
    )
  )[0];
  return {
    enrollmentTarget: policy?.target ?? 0,
    enrolled: {
      enrollment: await enrolledIn(dbs.enrollment, `SELECT subject_id AS s FROM subject WHERE trial_id = $1 AND status = 'ENROLLED'`),
      infusionTracking: await enrolledIn(dbs.infusionTracking, 'SELECT subject_id AS s FROM subject_visit_plan WHERE trial_id = $1'),
      safety: await enrolledIn(dbs.safety, 'SELECT subject_id AS s FROM known_subject WHERE trial_id = $1'),
    },
    enrollmentClosedEvents: await count(dbs.enrollment, `SELECT count(*)::int AS n FROM outbox_message WHERE event_type = 'EnrollmentClosed'`),
    recruitmentClosedInRegistry: await count(
      dbs.registry,
      `SELECT count(*)::int AS n FROM outbox_message WHERE event_type = 'TrialStatusChanged' AND envelope->'payload'->>'to' = 'ACTIVE_NOT_RECRUITING'`,
    ),
    unpublished,
    parked,
    timers,
  };
}
