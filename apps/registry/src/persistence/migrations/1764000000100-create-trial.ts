import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateTrial1764000000100 implements MigrationInterface {
  name = 'CreateTrial1764000000100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE trial (
        nct_id          text PRIMARY KEY,
        brief_title     text NOT NULL,
        overall_status  text NOT NULL,
        phases          text[] NOT NULL,
        registry_record jsonb NOT NULL,
        protocol        jsonb,
        registered_at   timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE trial');
  }
}
