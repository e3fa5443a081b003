import { auditTables, unauditTables, type AuditedTable } from '@trialstream/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const AUDITED: AuditedTable[] = [
  { table: 'trial_enrollment_policy' },
  // A subject's way: screened, consented, enrolled, owing and giving re-consent, withdrawn (with the reason).
  { table: 'subject', verbs: ['status', 'consent_version=consented', 'reconsent_required_version=reconsent-required'], reasons: ['withdrawal_reason'] },
];

/** Every change to enrollment's tables writes an audit record in its transaction. */
export class AuditTrail1764000000240 implements MigrationInterface {
  name = 'AuditTrail1764000000240';

  async up(runner: QueryRunner): Promise<void> {
    await auditTables(runner, AUDITED);
  }

  async down(runner: QueryRunner): Promise<void> {
    await unauditTables(runner, AUDITED.map((t) => t.table));
  }
}
