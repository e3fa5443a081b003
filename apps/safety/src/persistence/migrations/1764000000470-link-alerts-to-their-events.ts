import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each alert names the SafetyAlertRaised that published it, so a reconnecting alert stream can
 * resume in the order the alerts went out (the outbox's publication order) rather than by raised_at:
 * an alert whose transaction committed after a later-raised one's went out after it too, and
 * resuming by raised_at skipped it. Alerts raised before take the event still in the outbox.
 */
export class LinkAlertsToTheirEvents1764000000470 implements MigrationInterface {
  name = 'LinkAlertsToTheirEvents1764000000470';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE safety_alert ADD COLUMN raised_event_id uuid');
    await runner.query(`
      UPDATE safety_alert a SET raised_event_id = o.event_id
        FROM outbox_message o
       WHERE o.event_type = 'SafetyAlertRaised' AND o.message_key = a.trial_id AND o.envelope->'payload'->>'alertId' = a.alert_id::text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE safety_alert DROP COLUMN raised_event_id');
  }
}
