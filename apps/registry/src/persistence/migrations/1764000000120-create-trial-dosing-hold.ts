import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateTrialDosingHold1764000000120 implements MigrationInterface {
  name = 'CreateTrialDosingHold1764000000120';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE trial_dosing_hold (
        hold_id            uuid PRIMARY KEY,
        nct_id             text NOT NULL REFERENCES trial (nct_id),
        reason             text NOT NULL,
        rule_id            text,
        case_id            text,
        placed_by          text NOT NULL,
        placed_at          timestamptz NOT NULL,
        trial_status       text NOT NULL,
        outcome            text NOT NULL CHECK (outcome IN ('APPLIED', 'NOT_APPLIED')),
        not_applied_reason text,
        received_at        timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX trial_dosing_hold_by_trial ON trial_dosing_hold (nct_id, received_at)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE trial_dosing_hold');
  }
}
