import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAssessments1764000000356 implements MigrationInterface {
  name = 'CreateAssessments1764000000356';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE subject_baseline (
        trial_id      text NOT NULL,
        subject_id    text NOT NULL,
        baseline_date text NOT NULL,
        baseline_pasi double precision NOT NULL,
        baseline_dlqi int NOT NULL,
        PRIMARY KEY (trial_id, subject_id)
      )`);
    await runner.query(`
      CREATE TABLE assessment_due (
        trial_id     text NOT NULL,
        subject_id   text NOT NULL,
        timepoint    text NOT NULL,
        visit_number int NOT NULL,
        instruments  jsonb NOT NULL,
        due_since    text NOT NULL,
        PRIMARY KEY (trial_id, subject_id, timepoint, visit_number)
      )`);
    await runner.query(`
      CREATE TABLE assessment (
        trial_id     text NOT NULL,
        subject_id   text NOT NULL,
        timepoint    text NOT NULL CHECK (timepoint IN ('AFTER_INFUSION', 'FOLLOW_UP')),
        visit_number int NOT NULL,
        instrument   text NOT NULL CHECK (instrument IN ('PASI', 'DLQI')),
        assessed_on  text NOT NULL,
        result       jsonb NOT NULL,
        response     jsonb,
        recorded_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (trial_id, subject_id, timepoint, visit_number, instrument)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE assessment');
    await runner.query('DROP TABLE assessment_due');
    await runner.query('DROP TABLE subject_baseline');
  }
}
