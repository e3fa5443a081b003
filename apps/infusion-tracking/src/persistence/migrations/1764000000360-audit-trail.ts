import { auditTables, unauditTables, type AuditedTable } from '@trialstream/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const AUDITED: AuditedTable[] = [
  { table: 'trial_treatment_plan' },
  { table: 'treatment_plan_version' },
  { table: 'subject_visit', verbs: ['status'] },
  { table: 'subject_visit_plan' },
  { table: 'subject_withdrawal', reasons: ['reason'] },
  { table: 'subject_reconsent', verbs: ['consent_version=reconsented', 'required_consent_version=reconsent-required'] },
  { table: 'dosing_hold', verbs: ['lifted_at=lifted', 'placed_at=placed'], reasons: ['lift_reason', 'reason'] },
  { table: 'infusion_administration' },
  { table: 'protocol_deviation' },
  { table: 'follow_up_visit' },
  { table: 'subject_baseline' },
  { table: 'assessment_due' },
  { table: 'assessment' },
];

/** Every change to infusion tracking's tables writes an audit record in its transaction. */
export class AuditTrail1764000000360 implements MigrationInterface {
  name = 'AuditTrail1764000000360';

  async up(runner: QueryRunner): Promise<void> {
    await auditTables(runner, AUDITED);
  }

  async down(runner: QueryRunner): Promise<void> {
    await unauditTables(runner, AUDITED.map((t) => t.table));
  }
}
