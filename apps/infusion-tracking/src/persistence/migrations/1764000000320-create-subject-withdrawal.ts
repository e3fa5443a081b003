import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateSubjectWithdrawal1764000000320 implements MigrationInterface {
  name = 'CreateSubjectWithdrawal1764000000320';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE subject_withdrawal (
        trial_id        text NOT NULL,
        subject_id      text NOT NULL,
        withdrawn_by    text NOT NULL CHECK (withdrawn_by IN ('SUBJECT', 'INVESTIGATOR')),
        reason          text NOT NULL,
        withdrawal_date text NOT NULL,
        event_id        uuid NOT NULL,
        recorded_at     timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (trial_id, subject_id)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE subject_withdrawal');
  }
}
