import type { MigrationInterface, QueryRunner } from 'typeorm';
import { storeUncompressed } from '../database/row-storage';
import { CAPTURE_INSERTS_INTO_SHARED_PENDING } from './audit-capture-inserts.migration';
import { CAPTURE_INTO_SHARED_PENDING, CHAIN_SHARED_PENDING, SHARED_PENDING_COMMIT_TRIGGER, SHARED_PENDING_INDEX, SHARED_PENDING_TABLE } from './audit-trail.migration';

/**
 * A migration AuditPendingPerSession1764000000009 (in main for twenty minutes on 2026-11-26, then
 * reverted) dropped the shared pending table and made the audit functions write a temporary table
 * of each session. A database it ran on would keep that state, which no build knows any more: the
 * runtime role's grants fail on the missing table. Where the shared table is missing, this puts it
 * and the functions back as AuditTrail and AuditCaptureInserts make them, and forgets that
 * migration's row; elsewhere it does nothing. (Numbered after trial-mirror's 10 and 11.)
 */
export class AuditPendingShared1764000000012 implements MigrationInterface {
  name = 'AuditPendingShared1764000000012';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`DELETE FROM migrations WHERE name = 'AuditPendingPerSession1764000000009'`);
    const [{ present }] = await runner.query(
      `SELECT EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'audit_pending') AS present`,
    );
    if (present) return;
    await runner.query(SHARED_PENDING_TABLE);
    await runner.query(SHARED_PENDING_INDEX);
    await storeUncompressed(runner, 'audit_pending');
    for (const sql of [CAPTURE_INTO_SHARED_PENDING, CAPTURE_INSERTS_INTO_SHARED_PENDING, CHAIN_SHARED_PENDING, SHARED_PENDING_COMMIT_TRIGGER]) await runner.query(sql);
    await runner.query('DROP FUNCTION IF EXISTS audit_pending_ready()');
  }

  async down(): Promise<void> {
    // Nothing to undo: the state it repairs is one no build makes.
  }
}
