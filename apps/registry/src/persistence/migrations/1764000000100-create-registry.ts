import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateRegistry1764000000100 implements MigrationInterface {
  name = 'CreateRegistry1764000000100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE trial (
        nct_id          text PRIMARY KEY,
        org_study_id    text,
        brief_title     text NOT NULL,
        official_title  text,
        phases          text[] NOT NULL,
        overall_status  text NOT NULL,
        lead_sponsor    text,
        registry_record jsonb,
        registered_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE protocol_version (
        nct_id           text NOT NULL REFERENCES trial (nct_id),
        version          int NOT NULL CHECK (version > 0),
        effective_date   text NOT NULL,
        protocol         jsonb NOT NULL,
        amendment_reason text,
        published_by     text NOT NULL,
        published_at     timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (nct_id, version)
      )`);
    await runner.query(`
      CREATE TABLE trial_status_change (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        nct_id      text NOT NULL REFERENCES trial (nct_id),
        from_status text NOT NULL,
        to_status   text NOT NULL,
        reason      text NOT NULL,
        changed_by  text NOT NULL,
        changed_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX trial_status_change_by_trial ON trial_status_change (nct_id, changed_at)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE trial_status_change');
    await runner.query('DROP TABLE protocol_version');
    await runner.query('DROP TABLE trial');
  }
}
