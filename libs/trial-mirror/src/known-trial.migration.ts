import type { MigrationInterface, QueryRunner } from 'typeorm';

export class KnownTrial1764000000010 implements MigrationInterface {
  name = 'KnownTrial1764000000010';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE known_trial (
        trial_id       text PRIMARY KEY,
        brief_title    text NOT NULL,
        overall_status text NOT NULL,
        updated_at     timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE known_trial');
  }
}
