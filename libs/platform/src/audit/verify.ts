import { GENESIS_HASH, recordHash, type ChainedRecord } from './canonical';

/** Runs one statement and returns its rows (a DataSource's `query`, or a pg client's wrapped). */
export type Query = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

export interface ChainVerdict {
  /** Records in the chain as stored. */
  records: number;
  /** The first broken link, if any: the record's sequence number and what is wrong with it. */
  broken?: { sequence: number; reason: string };
  /** The hash of the last record of an intact chain: kept outside the database, it shows a chain rewritten since. */
  lastHash?: string;
}

const PAGE = 1000;

/**
 * Walks a service's audit chain in sequence order, recomputing each hash from the stored values,
 * and names the first broken link: a missing record (a gap in the numbers, or records missing after
 * the last one the chain head counted), a wrong previous hash, or a hash that no longer matches.
 */
export async function verifyAuditChain(query: Query): Promise<ChainVerdict> {
  const [{ n }] = await query('SELECT count(*)::int AS n FROM audit_record');
  const records = Number(n);
  const broken = (sequence: number, reason: string): ChainVerdict => ({ records, broken: { sequence, reason } });
  let expected = 1;
  let previousHash = GENESIS_HASH;
  for (;;) {
    const rows = await query(
      `SELECT sequence, recorded_at, actor_subject, actor_role, entity, entity_id, action, trial_id, subject_id,
              before::text AS before_text, after::text AS after_text, reason, correlation_id, previous_hash, hash
         FROM audit_record WHERE sequence >= $1 ORDER BY sequence LIMIT $2`,
      [expected, PAGE],
    );
    for (const row of rows) {
      const record = chainedRecord(row);
      if (record.sequence !== expected) {
        return broken(expected, `missing record: the chain ${expected === 1 ? 'starts at' : `goes from record ${expected - 1} to`} record ${record.sequence}`);
      }
      if (record.previousHash !== previousHash) return broken(expected, `wrong previous hash: it is not the hash of record ${expected - 1}`);
      if (recordHash(record) !== row.hash) return broken(expected, 'hash mismatch: the record is not as it was written');
      previousHash = row.hash as string;
      expected++;
    }
    if (rows.length < PAGE) break;
  }
  const [head] = await query('SELECT last_sequence, last_hash FROM audit_chain_head');
  const last = expected - 1;
  if (!head) return broken(last, 'the chain head is missing');
  const headSequence = Number(head.last_sequence);
  if (headSequence > last) return broken(expected, `missing record: the chain ends at record ${last} but its head counts ${headSequence}`);
  if (headSequence < last || head.last_hash !== previousHash) return broken(last, `the chain head (record ${headSequence}) does not end at this record`);
  return { records, lastHash: previousHash };
}

function chainedRecord(row: Record<string, unknown>): ChainedRecord {
  return {
    sequence: Number(row.sequence),
    recordedAt: row.recorded_at as Date,
    actorSubject: row.actor_subject as string | null,
    actorRole: row.actor_role as string | null,
    entity: row.entity as string,
    entityId: row.entity_id as string,
    action: row.action as string,
    trialId: row.trial_id as string | null,
    subjectId: row.subject_id as string | null,
    beforeText: row.before_text as string | null,
    afterText: row.after_text as string | null,
    reason: row.reason as string | null,
    correlationId: row.correlation_id as string | null,
    previousHash: row.previous_hash as string,
  };
}
