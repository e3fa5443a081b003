import { auditTables, unauditTables } from '@trialstream/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every change to the copy of a trial is audited, its status changes by name. */
export class AuditKnownTrial1764000000011 implements MigrationInterface {
  name = 'AuditKnownTrial1764000000011';

  async up(runner: QueryRunner): Promise<void> {
    await auditTables(runner, [{ table: 'known_trial', verbs: ['overall_status=status-changed'] }]);
  }

  async down(runner: QueryRunner): Promise<void> {
    await unauditTables(runner, ['known_trial']);
  }
}
