import type { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS = `'DOSE_OUTSIDE_TOLERANCE', 'OUTSIDE_WINDOW', 'OUT_OF_ORDER', 'REPEATED_INFUSION', 'SUBJECT_WITHDRAWN', 'UNDER_DOSING_HOLD', 'RECONSENT_OWED'`;

/** A deviation kind for an infusion given although a newer plan dropped its visit (NOT_IN_PLAN). */
export class DeviationNotInPlan1764000000490 implements MigrationInterface {
  name = 'DeviationNotInPlan1764000000490';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE protocol_deviation DROP CONSTRAINT protocol_deviation_kind_check,
        ADD CONSTRAINT protocol_deviation_kind_check CHECK (kind IN (${KINDS}, 'NOT_IN_PLAN'))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DELETE FROM protocol_deviation WHERE kind = 'NOT_IN_PLAN'`);
    await runner.query(`
      ALTER TABLE protocol_deviation DROP CONSTRAINT protocol_deviation_kind_check,
        ADD CONSTRAINT protocol_deviation_kind_check CHECK (kind IN (${KINDS}))`);
  }
}
