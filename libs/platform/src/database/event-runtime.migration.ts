import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Outbox rows the broker refuses are set aside; messages waiting for a prerequisite are parked. */
export class EventRuntime1764000000002 implements MigrationInterface {
  name = 'EventRuntime1764000000002';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE outbox_message ADD COLUMN set_aside_at timestamptz, ADD COLUMN set_aside_reason text`);
    await runner.query(`CREATE INDEX outbox_message_set_aside ON outbox_message (topic, message_key) WHERE set_aside_at IS NOT NULL AND published_at IS NULL`);
    await runner.query(`
      CREATE TABLE parked_event (
        id              bigserial PRIMARY KEY,
        consumer_group  text NOT NULL,
        topic           text NOT NULL,
        partition       int NOT NULL,
        message_offset  text NOT NULL,
        message_key     text NOT NULL,
        value           bytea,
        headers         jsonb NOT NULL,
        reason          text NOT NULL,
        parked_at       timestamptz NOT NULL DEFAULT now(),
        attempts        int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX parked_event_key ON parked_event (consumer_group, message_key, id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE parked_event');
    await runner.query('DROP INDEX outbox_message_set_aside');
    await runner.query('ALTER TABLE outbox_message DROP COLUMN set_aside_at, DROP COLUMN set_aside_reason');
  }
}
