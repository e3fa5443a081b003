import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A subject's visits keep their site (whose calendar judges the windows) and an infusion visit
 * becomes ADMINISTERED once given. Visits planned before sites were kept say UNRECORDED.
 */
export class AddVisitSiteAndAdministered1764000000331 implements MigrationInterface {
  name = 'AddVisitSiteAndAdministered1764000000331';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE subject_visit ADD COLUMN site_id text NOT NULL DEFAULT 'UNRECORDED'`);
    await runner.query('ALTER TABLE subject_visit ALTER COLUMN site_id DROP DEFAULT');
    await runner.query(`
      ALTER TABLE subject_visit DROP CONSTRAINT subject_visit_status_check,
        ADD CONSTRAINT subject_visit_status_check CHECK (status IN ('PLANNED', 'CANCELLED', 'ADMINISTERED'))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`UPDATE subject_visit SET status = 'PLANNED' WHERE status = 'ADMINISTERED'`);
    await runner.query(`
      ALTER TABLE subject_visit DROP CONSTRAINT subject_visit_status_check,
        ADD CONSTRAINT subject_visit_status_check CHECK (status IN ('PLANNED', 'CANCELLED'))`);
    await runner.query('ALTER TABLE subject_visit DROP COLUMN site_id');
  }
}
