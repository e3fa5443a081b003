import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateTrialTreatmentPlan1764000000300 implements MigrationInterface {
  name = 'CreateTrialTreatmentPlan1764000000300';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE trial_treatment_plan (
        trial_id              text PRIMARY KEY,
        protocol_version      int NOT NULL,
        dosing                jsonb NOT NULL,
        infusions             jsonb NOT NULL,
        assessments           jsonb NOT NULL,
        follow_up             jsonb NOT NULL,
        follow_up_day_offsets int[] NOT NULL,
        updated_at            timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE trial_treatment_plan');
  }
}
