import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The protocol's sites and their time zones: "today" at a site is a day on its calendar. */
export class AddTrialSites1764000000220 implements MigrationInterface {
  name = 'AddTrialSites1764000000220';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE trial_enrollment_policy ADD COLUMN sites jsonb`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE trial_enrollment_policy DROP COLUMN sites');
  }
}
