import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateTrialEnrollmentPolicy1764000000200 implements MigrationInterface {
  name = 'CreateTrialEnrollmentPolicy1764000000200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE trial_enrollment_policy (
        trial_id          text PRIMARY KEY,
        protocol_version  int NOT NULL,
        enrollment_target int NOT NULL CHECK (enrollment_target > 0),
        informed_consent_version text NOT NULL,
        eligibility       jsonb NOT NULL,
        updated_at        timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE trial_enrollment_policy');
  }
}
