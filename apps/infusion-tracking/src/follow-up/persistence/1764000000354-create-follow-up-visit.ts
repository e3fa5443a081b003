import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateFollowUpVisit1764000000354 implements MigrationInterface {
  name = 'CreateFollowUpVisit1764000000354';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE follow_up_visit (
        trial_id      text NOT NULL,
        subject_id    text NOT NULL,
        visit_number  int NOT NULL,
        visit_date    text NOT NULL,
        within_window boolean NOT NULL,
        recorded_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (trial_id, subject_id, visit_number)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE follow_up_visit');
  }
}
