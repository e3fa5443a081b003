import { compressWithLz4 } from '@trialstream/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A subject's screening and rule results are kept as the JSON text the service wrote (json), not
 * jsonb: nothing queries inside them, and jsonb parsed each screening's two documents into its
 * binary form on insert, and the audit trail's capture rendered them back to text (the audit record
 * keeps JSON text since AuditJsonText1764000000013).
 */
export class SubjectScreeningJson1764000000270 implements MigrationInterface {
  name = 'SubjectScreeningJson1764000000270';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE subject ALTER COLUMN screening TYPE json USING screening::json, ALTER COLUMN rule_results TYPE json USING rule_results::json');
    await compressWithLz4(runner, 'subject', ['screening', 'rule_results']);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE subject ALTER COLUMN screening TYPE jsonb USING screening::jsonb, ALTER COLUMN rule_results TYPE jsonb USING rule_results::jsonb');
    await compressWithLz4(runner, 'subject', ['screening', 'rule_results']);
  }
}
