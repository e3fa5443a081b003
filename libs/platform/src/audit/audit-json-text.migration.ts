import type { MigrationInterface, QueryRunner } from 'typeorm';
import { compressWithLz4 } from '../database/row-storage';
import { CAPTURE_INTO_SHARED_PENDING } from './audit-trail.migration';

/**
 * Inserted rows, once per statement. The row's JSON is rendered once, by to_json, and kept as that
 * text. The key, verb, reason, trial and subject are looked up in an hstore of the row (each
 * column's text, json columns copied as they are), not in a jsonb of it, which parsed every json
 * column; a statement built per table (EXECUTE) cost about half a millisecond a statement to plan.
 * A value is the column's text output: the same as ->> of the row's JSON for text and numbers (the
 * key, verb and reason columns audited today), not for timestamps or booleans. Same records as
 * before otherwise, in the order inserted.
 */
const CAPTURE_INSERTS_AS_TEXT = `
      CREATE OR REPLACE FUNCTION audit_capture_inserts() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        context jsonb := nullif(current_setting('trialstream.audit_context', true), '')::jsonb;
        keys text[] := string_to_array(TG_ARGV[0], ',');
        verbs text[] := string_to_array(TG_ARGV[1], ',');
        reasons text[] := string_to_array(TG_ARGV[2], ',');
        opens boolean := NOT EXISTS (SELECT 1 FROM audit_pending WHERE xact = pg_current_xact_id());
      BEGIN
        INSERT INTO audit_pending (opens, recorded_at, actor_subject, actor_role, entity, entity_id, action, trial_id, subject_id, before, after, reason, correlation_id)
        SELECT opens AND i.n = 1, date_trunc('milliseconds', clock_timestamp()), context->>'subject', context->>'role', TG_TABLE_NAME,
          array_to_string(i.h -> keys, '/'),
          coalesce((SELECT lower(i.h -> v.name) FROM unnest(verbs) WITH ORDINALITY AS v(name, n)
                     WHERE strpos(v.name, '=') = 0 AND i.h -> v.name IS NOT NULL ORDER BY v.n LIMIT 1), 'created'),
          i.h -> 'trial_id', i.h -> 'subject_id', NULL, to_json(i.r),
          (SELECT i.h -> c.name FROM unnest(reasons) WITH ORDINALITY AS c(name, n) WHERE i.h -> c.name IS NOT NULL ORDER BY c.n LIMIT 1),
          context->>'correlationId'
        FROM (SELECT t AS r, hstore(t) AS h, row_number() OVER () AS n FROM new_rows t) i
        ORDER BY i.n;
        RETURN NULL;
      END $$`;

/** Updates and deletes, once per row: decided on the rows' jsonb as before, kept as to_json's text. */
const KEPT_AS_JSONB = `coalesce(new_row, old_row)->>'subject_id', old_row, new_row,`;
const KEPT_AS_TEXT = `coalesce(new_row, old_row)->>'subject_id',
          CASE WHEN TG_OP <> 'INSERT' THEN to_json(OLD) END, CASE WHEN TG_OP <> 'DELETE' THEN to_json(NEW) END,`;
if (!CAPTURE_INTO_SHARED_PENDING.includes(KEPT_AS_JSONB)) throw new Error('AuditJsonText: audit_capture no longer stores old_row and new_row as this migration expects');
const CAPTURE_AS_TEXT = CAPTURE_INTO_SHARED_PENDING.replace(KEPT_AS_JSONB, KEPT_AS_TEXT);

// The text a record's hash is taken over, as AuditTrail made it but for json_build_array.
const CANONICAL_AS_TEXT = `
      CREATE OR REPLACE FUNCTION audit_canonical(r audit_record) RETURNS text LANGUAGE sql STABLE AS $$
        SELECT json_build_array(
          r.sequence, to_char(r.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          r.actor_subject, r.actor_role, r.entity, r.entity_id, r.action, r.trial_id, r.subject_id,
          r.before, r.after, r.reason, r.correlation_id, r.previous_hash)::text
      $$`;

/**
 * An audit record keeps a row's values as the JSON text to_json renders (json), not as jsonb. The
 * hash is taken over the text as stored, so the chain no longer renders each record's jsonb back to
 * text at commit, nor does the capture build a jsonb of every inserted row: together the larger part
 * of the audit trail's cost in PostgreSQL per screening (docs/benchmarks.md). The canonical text is
 * the same JSON array, json_build_array's now: it embeds before and after verbatim, and renders the
 * other values as jsonb_build_array did. Records written before keep their hashes: converted to json,
 * their text is jsonb's rendering, the very text their hash was taken over.
 */
export class AuditJsonText1764000000013 implements MigrationInterface {
  name = 'AuditJsonText1764000000013';

  async up(runner: QueryRunner): Promise<void> {
    // A contrib extension, trusted: the database's owner may create it (PostgreSQL 13 and later).
    await runner.query('CREATE EXTENSION IF NOT EXISTS hstore WITH SCHEMA public');
    for (const table of ['audit_pending', 'audit_record']) {
      await runner.query(`ALTER TABLE ${table} ALTER COLUMN before TYPE json USING before::json, ALTER COLUMN after TYPE json USING after::json`);
    }
    await compressWithLz4(runner, 'audit_record', ['before', 'after']);
    for (const sql of [CANONICAL_AS_TEXT, CAPTURE_AS_TEXT, CAPTURE_INSERTS_AS_TEXT]) await runner.query(sql);
  }

  async down(): Promise<void> {
    // Converting back to jsonb would re-render every record written since, and break its hash.
    throw new Error('AuditJsonText1764000000013 cannot be reverted: the hashes of the records written since are taken over their JSON text as stored');
  }
}
