import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateSubjectVisitPlan1764000000352 implements MigrationInterface {
  name = 'CreateSubjectVisitPlan1764000000352';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE subject_visit_plan (
        trial_id            text NOT NULL,
        subject_id          text NOT NULL,
        plan_number         int NOT NULL CHECK (plan_number > 0),
        protocol_version    int NOT NULL,
        reason              text NOT NULL CHECK (reason IN ('ENROLLED', 'RECONSENTED')),
        site_id             text NOT NULL,
        body_weight_kg      double precision NOT NULL,
        first_infusion_date text NOT NULL,
        reconsent_date      text,
        assessments         jsonb NOT NULL,
        visits              jsonb NOT NULL,
        planned_at          timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (trial_id, subject_id, plan_number)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE subject_visit_plan');
  }
}
