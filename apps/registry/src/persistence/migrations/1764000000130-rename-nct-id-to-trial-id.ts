import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['trial', 'protocol_version', 'trial_status_change', 'enrollment_closure', 'trial_dosing_hold'];

/** One name for the trial's id across the platform: trial_id, as every other service calls it. */
export class RenameNctIdToTrialId1764000000130 implements MigrationInterface {
  name = 'RenameNctIdToTrialId1764000000130';

  async up(runner: QueryRunner): Promise<void> {
    for (const table of TABLES) await runner.query(`ALTER TABLE ${table} RENAME COLUMN nct_id TO trial_id`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of TABLES) await runner.query(`ALTER TABLE ${table} RENAME COLUMN trial_id TO nct_id`);
  }
}
