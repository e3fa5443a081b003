import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateSubjectVisit1764000000310 implements MigrationInterface {
  name = 'CreateSubjectVisit1764000000310';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE subject_visit (
        trial_id         text NOT NULL,
        subject_id       text NOT NULL,
        kind             text NOT NULL CHECK (kind IN ('INFUSION', 'FOLLOW_UP')),
        number           int NOT NULL,
        protocol_version int NOT NULL,
        planned_date     text NOT NULL,
        window_opens     text NOT NULL,
        window_closes    text NOT NULL,
        dose_cells       bigint,
        dose_min_cells   bigint,
        dose_max_cells   bigint,
        status           text NOT NULL CHECK (status IN ('PLANNED', 'CANCELLED')),
        PRIMARY KEY (trial_id, subject_id, kind, number)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE subject_visit');
  }
}
