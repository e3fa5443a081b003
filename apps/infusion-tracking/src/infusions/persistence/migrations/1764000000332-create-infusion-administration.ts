import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Infusions as the sites reported them, and the protocol deviations found in each. */
export class CreateInfusionAdministration1764000000332 implements MigrationInterface {
  name = 'CreateInfusionAdministration1764000000332';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE infusion_administration (
        administration_id  uuid PRIMARY KEY,
        trial_id           text NOT NULL,
        subject_id         text NOT NULL,
        infusion_number    int NOT NULL,
        protocol_version   int NOT NULL,
        site_id            text NOT NULL,
        administered_at    timestamptz NOT NULL,
        administered_on    text NOT NULL,
        body_weight_kg     double precision NOT NULL,
        cells_given        bigint NOT NULL,
        expected_dose      jsonb NOT NULL,
        product_lot        text NOT NULL,
        viability_percent  double precision NOT NULL,
        duration_minutes   double precision NOT NULL,
        vital_signs_before jsonb NOT NULL,
        vital_signs_after  jsonb NOT NULL,
        reaction           jsonb,
        recorded_by        text NOT NULL,
        recorded_at        timestamptz NOT NULL
      )`);
    await runner.query('CREATE INDEX infusion_administration_subject ON infusion_administration (trial_id, subject_id)');
    await runner.query(`
      CREATE TABLE protocol_deviation (
        deviation_id      uuid PRIMARY KEY,
        administration_id uuid NOT NULL REFERENCES infusion_administration,
        trial_id          text NOT NULL,
        subject_id        text NOT NULL,
        infusion_number   int NOT NULL,
        protocol_version  int NOT NULL,
        kind              text NOT NULL CHECK (kind IN ('DOSE_OUTSIDE_TOLERANCE', 'OUTSIDE_WINDOW', 'OUT_OF_ORDER', 'REPEATED_INFUSION',
                                                      'SUBJECT_WITHDRAWN', 'UNDER_DOSING_HOLD', 'RECONSENT_OWED')),
        rule              text NOT NULL,
        observed          text NOT NULL,
        allowed           text NOT NULL,
        occurred_on       text NOT NULL,
        recorded_at       timestamptz NOT NULL,
        position          bigint GENERATED ALWAYS AS IDENTITY
      )`);
    await runner.query('CREATE INDEX protocol_deviation_trial ON protocol_deviation (trial_id, position)');
    await runner.query('CREATE INDEX protocol_deviation_administration ON protocol_deviation (administration_id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE protocol_deviation');
    await runner.query('DROP TABLE infusion_administration');
  }
}
