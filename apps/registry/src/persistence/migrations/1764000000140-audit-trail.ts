import { auditTables, unauditTables, type AuditedTable } from '@trialstream/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const AUDITED: AuditedTable[] = [
  { table: 'trial', verbs: ['overall_status=status-changed'] },
  { table: 'protocol_version', reasons: ['amendment_reason'] },
  { table: 'trial_status_change', reasons: ['reason'] },
  { table: 'enrollment_closure', reasons: ['reason'] },
  { table: 'trial_dosing_hold', reasons: ['reason'] },
];

/** Every change to the registry's tables writes an audit record in its transaction. */
export class AuditTrail1764000000140 implements MigrationInterface {
  name = 'AuditTrail1764000000140';

  async up(runner: QueryRunner): Promise<void> {
    await auditTables(runner, AUDITED);
  }

  async down(runner: QueryRunner): Promise<void> {
    await unauditTables(runner, AUDITED.map((t) => t.table));
  }
}
