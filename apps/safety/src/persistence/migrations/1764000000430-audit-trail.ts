import { auditTables, unauditTables, type AuditedTable } from '@trialstream/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const AUDITED: AuditedTable[] = [
  { table: 'trial_safety_policy' },
  { table: 'known_subject', verbs: ['withdrawal_date=withdrawn'] },
  { table: 'ae_case' },
  { table: 'ae_case_version' },
  { table: 'expedited_report_clock', verbs: ['status'] },
  { table: 'report_submission' },
  { table: 'dosing_hold', verbs: ['lifted_at=lifted'], reasons: ['lift_reason', 'reason'] },
  { table: 'safety_alert', verbs: ['acknowledged_at=acknowledged'] },
];

/** Every change to safety's tables writes an audit record in its transaction. */
export class AuditTrail1764000000430 implements MigrationInterface {
  name = 'AuditTrail1764000000430';

  async up(runner: QueryRunner): Promise<void> {
    await auditTables(runner, AUDITED);
  }

  async down(runner: QueryRunner): Promise<void> {
    await unauditTables(runner, AUDITED.map((t) => t.table));
  }
}
