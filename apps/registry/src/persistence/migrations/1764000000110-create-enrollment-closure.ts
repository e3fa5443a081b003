import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateEnrollmentClosure1764000000110 implements MigrationInterface {
  name = 'CreateEnrollmentClosure1764000000110';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE enrollment_closure (
        event_id     uuid PRIMARY KEY,
        nct_id       text NOT NULL REFERENCES trial (nct_id),
        enrolled     int NOT NULL,
        target       int NOT NULL,
        trial_status text NOT NULL,
        outcome      text NOT NULL CHECK (outcome IN ('APPLIED', 'NOT_APPLIED')),
        reason       text,
        received_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX enrollment_closure_by_trial ON enrollment_closure (nct_id, received_at)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE enrollment_closure');
  }
}
