import { compressWithLz4 } from '@trialstream/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A subject's screening and rule results (about 2 kB each) are compressed with lz4, not pglz: a screening costs less CPU. */
export class SubjectLz41764000000250 implements MigrationInterface {
  name = 'SubjectLz41764000000250';

  async up(runner: QueryRunner): Promise<void> {
    await compressWithLz4(runner, 'subject', ['screening', 'rule_results']);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE subject ALTER COLUMN screening SET COMPRESSION default, ALTER COLUMN rule_results SET COMPRESSION default');
  }
}
