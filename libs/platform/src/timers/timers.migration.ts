import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Durable timers: an event to publish at a due time, kept in the service's database so it survives
 * restarts. A timer is pending until it fires or is cancelled; at most one is pending per key.
 */
export class DurableTimers1764000000001 implements MigrationInterface {
  name = 'DurableTimers1764000000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE scheduled_event (
        id              bigserial PRIMARY KEY,
        timer_key       text NOT NULL,
        due_at          timestamptz NOT NULL,
        event_type      text NOT NULL,
        event_version   int NOT NULL,
        trial_id        text NOT NULL,
        subject_id      text,
        payload         jsonb NOT NULL,
        correlation_id  text,          -- of the work that scheduled it; the fired event carries it
        causation_id    text,
        created_at      timestamptz NOT NULL,
        fired_at        timestamptz,
        fired_event_id  uuid,
        cancelled_at    timestamptz,
        failure         text,          -- why it could not fire (it is then cancelled)
        CHECK (fired_at IS NULL OR cancelled_at IS NULL)
      )`);
    await runner.query(
      `CREATE UNIQUE INDEX scheduled_event_pending_key ON scheduled_event (timer_key) WHERE fired_at IS NULL AND cancelled_at IS NULL`,
    );
    await runner.query(`CREATE INDEX scheduled_event_pending_due ON scheduled_event (due_at) WHERE fired_at IS NULL AND cancelled_at IS NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE scheduled_event');
  }
}
