import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each protocol version's dose rule and sites, kept after a newer version arrives: a subject is
 * judged by the version they are on. Versions kept before this table existed come from the
 * treatment plan, without sites (their days are judged on UTC's calendar).
 */
export class CreateTreatmentPlanVersion1764000000330 implements MigrationInterface {
  name = 'CreateTreatmentPlanVersion1764000000330';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE treatment_plan_version (
        trial_id         text NOT NULL,
        protocol_version int NOT NULL,
        dosing           jsonb NOT NULL,
        sites            jsonb,
        PRIMARY KEY (trial_id, protocol_version)
      )`);
    await runner.query(`INSERT INTO treatment_plan_version (trial_id, protocol_version, dosing) SELECT trial_id, protocol_version, dosing FROM trial_treatment_plan`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE treatment_plan_version');
  }
}
