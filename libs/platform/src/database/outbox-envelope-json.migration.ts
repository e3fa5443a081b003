import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox stores each envelope as the JSON text the service wrote (json, not jsonb): jsonb was
 * parsed into its binary form on every insert and rendered back to text on every relay read, and
 * nothing queries inside it on the hot path. The two envelope fields the relay puts in the Kafka
 * headers get columns of their own, so the relay does not parse the text of the rows this build writes.
 */
export class OutboxEnvelopeJson1764000000006 implements MigrationInterface {
  name = 'OutboxEnvelopeJson1764000000006';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE outbox_message ADD COLUMN event_version int, ADD COLUMN correlation_id text`);
    await runner.query(`UPDATE outbox_message SET event_version = (envelope->>'version')::int, correlation_id = envelope->>'correlationId'`);
    // Left nullable: an instance of the previous build, still running during a rolling upgrade,
    // writes rows without them, and the relay reads them from the envelope then.
    await runner.query(`ALTER TABLE outbox_message ALTER COLUMN envelope TYPE json USING envelope::json`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE outbox_message ALTER COLUMN envelope TYPE jsonb USING envelope::jsonb, DROP COLUMN event_version, DROP COLUMN correlation_id`);
  }
}
