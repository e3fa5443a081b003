import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateSubject1764000000210 implements MigrationInterface {
  name = 'CreateSubject1764000000210';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE subject (
        trial_id                    text NOT NULL,
        subject_id                  text NOT NULL,
        site_id                     text NOT NULL,
        status                      text NOT NULL CHECK (status IN ('SCREENED', 'ENROLLED', 'WITHDRAWN')),
        eligible                    boolean NOT NULL,
        screened_under_version      int NOT NULL,
        screening                   jsonb NOT NULL,
        rule_results                jsonb NOT NULL,
        screened_at                 timestamptz NOT NULL,
        consent_version             text,
        consent_date                text,
        enrollment_number           int CHECK (enrollment_number > 0),
        enrolled_at                 timestamptz,
        planned_first_infusion_date text,
        withdrawn_by                text,
        withdrawal_reason           text,
        withdrawal_date             text,
        PRIMARY KEY (trial_id, subject_id),
        -- The last line of defence for the cap: two enrollments can never share a number.
        UNIQUE (trial_id, enrollment_number)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE subject');
  }
}
