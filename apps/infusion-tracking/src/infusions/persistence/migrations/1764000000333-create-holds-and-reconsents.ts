import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dosing holds safety placed and lifted, and re-consents enrollment asked for and recorded: what
 * an infusion is judged against besides the plan. Either event of a pair may arrive first (one
 * replayed from a dead letter), so each fills its own columns of the row.
 */
export class CreateHoldsAndReconsents1764000000333 implements MigrationInterface {
  name = 'CreateHoldsAndReconsents1764000000333';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE dosing_hold (
        hold_id     uuid PRIMARY KEY,
        trial_id    text NOT NULL,
        scope       text NOT NULL CHECK (scope IN ('SUBJECT', 'TRIAL')),
        subject_id  text,
        reason      text,
        placed_at   timestamptz,
        placed_by   text,
        lifted_at   timestamptz,
        lifted_by   text,
        lift_reason text
      )`);
    await runner.query('CREATE INDEX dosing_hold_trial ON dosing_hold (trial_id, subject_id)');
    await runner.query(`
      CREATE TABLE subject_reconsent (
        trial_id                 text NOT NULL,
        subject_id               text NOT NULL,
        protocol_version         int NOT NULL,
        required_consent_version text,
        required_at              timestamptz,
        consent_version          text,
        consent_date             text,
        PRIMARY KEY (trial_id, subject_id, protocol_version)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE subject_reconsent');
    await runner.query('DROP TABLE dosing_hold');
  }
}
