import type { MigrationInterface, QueryRunner } from 'typeorm';
import { compressWithLz4 } from '../database/row-storage';

// Both captures read a changed row's key, verb, reason, trial and subject from an hstore of it (each
// column's text output; json columns copied as they are), not from a jsonb of it, which parsed every
// json column (and refused one holding \u0000, which json accepts). A value is then the column's text
// output: the same as ->> of the row's JSON gave for text, integers and uuids (the key, verb and
// reason columns audited today), not for timestamps, booleans or floats. The row's values are kept
// as the text to_json renders, once.

/**
 * Inserted rows, once per statement (a statement built per table with EXECUTE cost about half a
 * millisecond a statement to plan). Same records as before, in the order inserted.
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

/**
 * Updates and deletes, once per row, with audit_capture's arguments and rules (audit-trail.migration.ts).
 * An update that leaves every column's text as it was records nothing; one that changes a json
 * column's text (its spacing, say) is recorded, as the text it keeps is what its hash covers.
 */
const CAPTURE_AS_TEXT = `
      CREATE OR REPLACE FUNCTION audit_capture() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        old_row hstore;
        new_row hstore;
        context jsonb := nullif(current_setting('trialstream.audit_context', true), '')::jsonb;
        action text := CASE TG_OP WHEN 'INSERT' THEN 'created' WHEN 'UPDATE' THEN 'updated' ELSE 'deleted' END;
        reason text;
        entry text;
        col text;
        opens boolean;
      BEGIN
        IF TG_OP <> 'INSERT' THEN old_row := hstore(OLD); END IF;
        IF TG_OP <> 'DELETE' THEN new_row := hstore(NEW); END IF;
        IF old_row = new_row THEN RETURN NULL; END IF;
        IF new_row IS NOT NULL THEN
          FOREACH entry IN ARRAY string_to_array(TG_ARGV[1], ',') LOOP
            col := split_part(entry, '=', 1);
            CONTINUE WHEN TG_OP = 'INSERT' AND col <> entry;
            IF new_row -> col IS NOT NULL AND (new_row -> col) IS DISTINCT FROM (old_row -> col) THEN
              action := coalesce(nullif(split_part(entry, '=', 2), ''), lower(new_row -> col));
              EXIT;
            END IF;
          END LOOP;
          FOREACH col IN ARRAY string_to_array(TG_ARGV[2], ',') LOOP
            IF new_row -> col IS NOT NULL AND (new_row -> col) IS DISTINCT FROM (old_row -> col) THEN
              reason := new_row -> col;
              EXIT;
            END IF;
          END LOOP;
        END IF;
        opens := NOT EXISTS (SELECT 1 FROM audit_pending WHERE xact = pg_current_xact_id());
        INSERT INTO audit_pending (opens, recorded_at, actor_subject, actor_role, entity, entity_id, action, trial_id, subject_id, before, after, reason, correlation_id)
        VALUES (opens,
          date_trunc('milliseconds', clock_timestamp()), context->>'subject', context->>'role', TG_TABLE_NAME,
          array_to_string(coalesce(new_row, old_row) -> string_to_array(TG_ARGV[0], ','), '/'),
          action, coalesce(new_row, old_row) -> 'trial_id', coalesce(new_row, old_row) -> 'subject_id',
          CASE WHEN TG_OP <> 'INSERT' THEN to_json(OLD) END, CASE WHEN TG_OP <> 'DELETE' THEN to_json(NEW) END, reason, context->>'correlationId');
        RETURN NULL;
      END $$`;

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
 * their text is jsonb's rendering, the very text their hash was taken over. The conversion rewrites
 * audit_record under an exclusive lock: the service's audited writes wait for it at commit.
 */
export class AuditJsonText1764000000013 implements MigrationInterface {
  name = 'AuditJsonText1764000000013';

  async up(runner: QueryRunner): Promise<void> {
    // A contrib extension, trusted: the database's owner may create it (PostgreSQL 13 and later).
    await runner.query('CREATE EXTENSION IF NOT EXISTS hstore WITH SCHEMA public');
    // The functions find it on their search path (public), not where an earlier install put it.
    const [{ found }] = await runner.query(`SELECT to_regprocedure('public.hstore(record)') IS NOT NULL AS found`);
    if (!found) throw new Error('AuditJsonText1764000000013: the hstore extension is installed outside the public schema, where the audit functions look for it (ALTER EXTENSION hstore SET SCHEMA public)');
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
