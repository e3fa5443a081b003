import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateTrialSafetyPolicy1764000000400 implements MigrationInterface {
  name = 'CreateTrialSafetyPolicy1764000000400';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE trial_safety_policy (
        trial_id               text PRIMARY KEY,
        protocol_version       int NOT NULL,
        subject_stopping_rules jsonb NOT NULL,
        trial_stopping_rules   jsonb NOT NULL,
        expedited_reporting    jsonb NOT NULL,
        updated_at             timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE trial_safety_policy');
  }
}
