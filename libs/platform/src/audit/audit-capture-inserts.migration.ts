import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * TG_ARGV as audit_capture's: the key columns; the verb columns ("column=verb" ones apply to updates
 * only); the reason columns. The first verb or reason column set wins. Writes the pending table
 * shared by all sessions (also made again by AuditPendingShared1764000000012).
 */
export const CAPTURE_INSERTS_INTO_SHARED_PENDING = `
      CREATE OR REPLACE FUNCTION audit_capture_inserts() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        context jsonb := nullif(current_setting('trialstream.audit_context', true), '')::jsonb;
        keys text[] := string_to_array(TG_ARGV[0], ',');
        verbs text[] := string_to_array(TG_ARGV[1], ',');
        reasons text[] := string_to_array(TG_ARGV[2], ',');
        -- Whether this transaction has no change waiting yet: then the first row opens it.
        opens boolean := NOT EXISTS (SELECT 1 FROM audit_pending WHERE xact = pg_current_xact_id());
      BEGIN
        INSERT INTO audit_pending (opens, recorded_at, actor_subject, actor_role, entity, entity_id, action, trial_id, subject_id, before, after, reason, correlation_id)
        SELECT opens AND i.n = 1, date_trunc('milliseconds', clock_timestamp()), context->>'subject', context->>'role', TG_TABLE_NAME,
          (SELECT string_agg(i.r->>k.name, '/' ORDER BY k.n) FROM unnest(keys) WITH ORDINALITY AS k(name, n)),
          coalesce((SELECT lower(i.r->>v.name) FROM unnest(verbs) WITH ORDINALITY AS v(name, n)
                     WHERE strpos(v.name, '=') = 0 AND i.r->>v.name IS NOT NULL ORDER BY v.n LIMIT 1), 'created'),
          i.r->>'trial_id', i.r->>'subject_id', NULL, i.r,
          (SELECT i.r->>c.name FROM unnest(reasons) WITH ORDINALITY AS c(name, n) WHERE i.r->>c.name IS NOT NULL ORDER BY c.n LIMIT 1),
          context->>'correlationId'
        FROM (SELECT to_jsonb(t) AS r, row_number() OVER () AS n FROM new_rows t) i
        ORDER BY i.n;
        RETURN NULL;
      END $$`;

/**
 * Inserted rows are captured for the audit trail once per statement, from its transition table,
 * rather than by a row trigger that ran a plpgsql function and a one-row INSERT for each row:
 * that was the largest single cost of a batch of screenings in PostgreSQL. The records are the same
 * as audit_capture makes for an insert (see audit-trail.migration.ts), in the order the rows were
 * inserted. Updates and deletes keep the row trigger. Tables audited before this migration get the
 * new pair of triggers here; auditTables creates the pair from now on. A statement that both
 * inserts and updates (an upsert of several rows) records its updates first: row triggers fire
 * before statement triggers. Each row's own records stay in order.
 */
export class AuditCaptureInserts1764000000007 implements MigrationInterface {
  name = 'AuditCaptureInserts1764000000007';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(CAPTURE_INSERTS_INTO_SHARED_PENDING);
    for (const { name, key, verbs, reasons } of await auditedTables(runner)) {
      await runner.query(`DROP TRIGGER audit_capture ON ${name}`);
      await runner.query(captureTriggers(name, key, verbs, reasons));
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const { name, key, verbs, reasons } of await auditedTables(runner)) {
      await runner.query(`DROP TRIGGER audit_capture ON ${name}`);
      await runner.query(`DROP TRIGGER audit_capture_inserts ON ${name}`);
      await runner.query(`CREATE TRIGGER audit_capture AFTER INSERT OR UPDATE OR DELETE ON ${name} FOR EACH ROW EXECUTE FUNCTION audit_capture('${key}', '${verbs}', '${reasons}')`);
    }
    await runner.query('DROP FUNCTION audit_capture_inserts()');
  }
}

/** The tables of this schema with an audit_capture trigger, and that trigger's arguments. */
async function auditedTables(runner: QueryRunner): Promise<{ name: string; key: string; verbs: string; reasons: string }[]> {
  const audited: { name: string; args: string }[] = await runner.query(
    `SELECT c.relname AS name, encode(t.tgargs, 'escape') AS args FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
      WHERE t.tgname = 'audit_capture' AND c.relnamespace = current_schema()::regnamespace`,
  );
  return audited.map(({ name, args }) => {
    const [key, verbs, reasons] = args.split('\\000');
    return { name, key, verbs, reasons };
  });
}

/** The audit triggers of a table: inserts per statement, updates and deletes per row. Names must be plain (checked by the callers). */
export function captureTriggers(table: string, key: string, verbs: string, reasons: string): string {
  return `
    CREATE TRIGGER audit_capture AFTER UPDATE OR DELETE ON ${table}
      FOR EACH ROW EXECUTE FUNCTION audit_capture('${key}', '${verbs}', '${reasons}');
    CREATE TRIGGER audit_capture_inserts AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION audit_capture_inserts('${key}', '${verbs}', '${reasons}')`;
}
