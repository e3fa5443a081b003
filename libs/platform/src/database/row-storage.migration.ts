import type { MigrationInterface, QueryRunner } from 'typeorm';
import { compressWithLz4, storeUncompressed } from './row-storage';

/**
 * The outbox row (an event envelope, often over 2 kB) and the pending audit row live until the
 * relay or the commit has handled them: compressing them cost more than it saved. The audit
 * trail's records are kept for good: lz4 instead of pglz, and kept in the row.
 */
export class RowStorage1764000000005 implements MigrationInterface {
  name = 'RowStorage1764000000005';

  async up(runner: QueryRunner): Promise<void> {
    await storeUncompressed(runner, 'outbox_message');
    await storeUncompressed(runner, 'audit_pending');
    // A screening's record is about 3.5 kB, 2 kB once compressed.
    await compressWithLz4(runner, 'audit_record', ['before', 'after'], 3000);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE outbox_message RESET (toast_tuple_target)');
    await runner.query('ALTER TABLE audit_pending RESET (toast_tuple_target)');
    await runner.query('ALTER TABLE audit_record ALTER COLUMN before SET COMPRESSION default, ALTER COLUMN after SET COMPRESSION default');
    await runner.query('ALTER TABLE audit_record RESET (toast_tuple_target)');
  }
}
