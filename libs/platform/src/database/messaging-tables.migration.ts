import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The outbox and the processed-event ledger every service keeps in its own database. */
export class MessagingTables1764000000000 implements MigrationInterface {
  name = 'MessagingTables1764000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE outbox_message (
        position      bigserial PRIMARY KEY,
        event_id      uuid NOT NULL UNIQUE,
        event_type    text NOT NULL,
        topic         text NOT NULL,
        message_key   text NOT NULL,
        envelope      jsonb NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        published_at  timestamptz
      )`);
    await runner.query(`CREATE INDEX outbox_message_unpublished ON outbox_message (position) WHERE published_at IS NULL`);
    await runner.query(`
      CREATE TABLE processed_event (
        consumer_group text NOT NULL,
        event_id       uuid NOT NULL,
        event_type     text NOT NULL,
        processed_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer_group, event_id)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE processed_event');
    await runner.query('DROP TABLE outbox_message');
  }
}
