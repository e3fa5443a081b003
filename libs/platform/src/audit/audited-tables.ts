import type { DataSource, QueryRunner } from 'typeorm';
import { captureTriggers } from './audit-capture-inserts.migration';

export interface AuditedTable {
  table: string;
  /**
   * Columns whose change names the action instead of created/updated, the first set or changed
   * winning: `status` by its new value whenever it is set or changes (SCREENED: "screened");
   * `consent_version=consented` by the verb when an update sets or changes it.
   */
  verbs?: string[];
  /** Columns holding the reason for a change; the first one set or changed by it is recorded. */
  reasons?: string[];
}

/** The platform's own tables: messaging, timers and the audit trail itself are not audited. */
export const UNAUDITED_TABLES = ['migrations', 'outbox_message', 'processed_event', 'scheduled_event', 'parked_event', 'audit_record', 'audit_pending', 'audit_chain_head'];

/** A column or table name, or a verb column with its verb (`consent_version=consented`). */
const PLAIN = /^[a-z_][a-z0-9_]*(=[a-z-]+)?$/;

/**
 * For a service's migration: every insert, update and delete of these tables' rows writes an audit
 * record in the same transaction, however it is written (entity, query builder or plain SQL).
 */
export async function auditTables(runner: QueryRunner, tables: AuditedTable[]): Promise<void> {
  for (const { table, verbs = [], reasons = [] } of tables) {
    // The names go into the trigger's definition as literals.
    for (const name of [table, ...verbs, ...reasons]) {
      if (!PLAIN.test(name)) throw new Error(`auditTables: "${name}" is not a plain lower-case name`);
    }
    const [{ key }] = await runner.query(
      `SELECT string_agg(a.attname, ',' ORDER BY array_position(i.indkey::int2[], a.attnum)) AS key
         FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
        WHERE i.indrelid = $1::regclass AND i.indisprimary`,
      [table],
    );
    if (!key) throw new Error(`auditTables: ${table} has no primary key to name its rows by`);
    // A migration older than AuditCaptureInserts runs before it: the row trigger then, which that migration replaces.
    const [{ inserts }] = await runner.query(`SELECT to_regprocedure('audit_capture_inserts()') IS NOT NULL AS inserts`);
    await runner.query(
      inserts
        ? captureTriggers(table, key, verbs.join(','), reasons.join(','))
        : `CREATE TRIGGER audit_capture AFTER INSERT OR UPDATE OR DELETE ON ${table}
             FOR EACH ROW EXECUTE FUNCTION audit_capture('${key}', '${verbs.join(',')}', '${reasons.join(',')}')`,
    );
  }
}

/** The table comment that marks a service's table as left out of the audit trail on purpose. */
const NOT_AUDITED = 'not audited: ';

/**
 * For a service's migration: a table deliberately left out of the audit trail (one holding secrets,
 * which must never reach an audit record), saying why in the table's comment.
 */
export async function leaveOutOfAuditTrail(runner: QueryRunner, table: string, why: string): Promise<void> {
  if (!PLAIN.test(table)) throw new Error(`leaveOutOfAuditTrail: "${table}" is not a plain lower-case name`);
  await runner.query(`COMMENT ON TABLE ${table} IS ${literal(NOT_AUDITED + why)}`);
}

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

export async function unauditTables(runner: QueryRunner, tables: string[]): Promise<void> {
  for (const table of tables) {
    await runner.query(`DROP TRIGGER audit_capture ON ${table}`);
    await runner.query(`DROP TRIGGER IF EXISTS audit_capture_inserts ON ${table}`);
  }
}

/**
 * A service refuses to start while one of its tables is not audited, so a table added later cannot
 * be forgotten: its migration must call auditTables (or leaveOutOfAuditTrail, saying why).
 */
export async function assertEveryTableAudited(dataSource: DataSource): Promise<void> {
  const rows: { name: string }[] = await dataSource.query(
    `SELECT c.relname AS name FROM pg_class c
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND c.relname <> ALL ($1)
        -- Both: the row trigger (updates, deletes) and the statement trigger (inserts).
        AND (SELECT count(*) FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname IN ('audit_capture', 'audit_capture_inserts')) < 2
        AND coalesce(obj_description(c.oid, 'pg_class'), '') NOT LIKE $2 || '%'
      ORDER BY c.relname`,
    [UNAUDITED_TABLES, NOT_AUDITED],
  );
  if (rows.length > 0) throw new Error(`tables without an audit trail: ${rows.map((r) => r.name).join(', ')} (call auditTables, or leaveOutOfAuditTrail saying why, in a migration)`);
}
