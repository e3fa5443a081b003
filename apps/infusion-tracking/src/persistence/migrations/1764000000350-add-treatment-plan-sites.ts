import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The protocol's sites and their time zones: a follow-up window opens at the start of its day on the site's calendar. */
export class AddTreatmentPlanSites1764000000350 implements MigrationInterface {
  name = 'AddTreatmentPlanSites1764000000350';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE trial_treatment_plan ADD COLUMN sites jsonb');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE trial_treatment_plan DROP COLUMN sites');
  }
}
