import { auditTables, unauditTables } from '@trialstream/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per subject whose treatment ended, so TreatmentCompleted goes out once: on the last
 * planned infusion given, or when its window closes unused (an infusion recorded after that ends
 * nothing again). Subjects whose treatment ended before this table have no row; their last
 * infusion was given, and a repeat of it completes nothing.
 */
export class CreateTreatmentCompletion1764000000480 implements MigrationInterface {
  name = 'CreateTreatmentCompletion1764000000480';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE treatment_completion (
        trial_id           text NOT NULL,
        subject_id         text NOT NULL,
        last_infusion_date text NOT NULL,
        infusions_given    int NOT NULL CHECK (infusions_given > 0),
        ended_by           text NOT NULL CHECK (ended_by IN ('LAST_INFUSION_GIVEN', 'LAST_WINDOW_MISSED')),
        completed_at       timestamptz NOT NULL,
        PRIMARY KEY (trial_id, subject_id)
      )`);
    await auditTables(runner, [{ table: 'treatment_completion' }]);
  }

  async down(runner: QueryRunner): Promise<void> {
    await unauditTables(runner, ['treatment_completion']);
    await runner.query('DROP TABLE treatment_completion');
  }
}
