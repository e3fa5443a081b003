import { createHash } from 'node:crypto';

/** The previous hash of a chain's first record. */
export const GENESIS_HASH = '0'.repeat(64);

/** A stored audit record as the verifier reads it: before and after as the JSON text stored. */
export interface ChainedRecord {
  sequence: number;
  recordedAt: Date;
  actorSubject: string | null;
  actorRole: string | null;
  entity: string;
  entityId: string;
  action: string;
  trialId: string | null;
  subjectId: string | null;
  /** `before::text`: the JSON text as stored (json; jsonb's rendering for records from before AuditJsonText), hashed exactly as it is. */
  beforeText: string | null;
  afterText: string | null;
  reason: string | null;
  correlationId: string | null;
  previousHash: string;
}

/**
 * The text a record's hash is taken over: the JSON array PostgreSQL's audit_canonical() renders
 * (json_build_array(...)::text, elements separated by ", ", before and after verbatim), built here independently so the
 * verifier does not trust the database to recompute its own hashes. Milliseconds, UTC.
 */
export function canonicalText(record: ChainedRecord): string {
  const scalar = (value: string | number | null) => JSON.stringify(value);
  return `[${[
    scalar(record.sequence),
    scalar(record.recordedAt.toISOString()),
    scalar(record.actorSubject),
    scalar(record.actorRole),
    scalar(record.entity),
    scalar(record.entityId),
    scalar(record.action),
    scalar(record.trialId),
    scalar(record.subjectId),
    record.beforeText ?? 'null',
    record.afterText ?? 'null',
    scalar(record.reason),
    scalar(record.correlationId),
    scalar(record.previousHash),
  ].join(', ')}]`;
}

/** sha256 of the canonical text's UTF-8 bytes, hex. */
export function recordHash(record: ChainedRecord): string {
  return createHash('sha256').update(canonicalText(record), 'utf8').digest('hex');
}
