import { auditTables, leaveOutOfAuditTrail, unauditTables } from '@trialstream/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Endpoints that take safety alerts over HTTP: subscriptions (audited), their signing secrets (kept
 * apart and out of the audit trail, so no audit record ever holds one), and one delivery per alert
 * and subscription, queued in the alert's transaction.
 */
export class CreateAlertDeliveries1764000000440 implements MigrationInterface {
  name = 'CreateAlertDeliveries1764000000440';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE alert_subscription (
        subscription_id  uuid PRIMARY KEY,
        url              text NOT NULL,
        trial_id         text,  -- none: every trial
        minimum_severity text CHECK (minimum_severity IN ('CRITICAL', 'HIGH', 'MEDIUM')),  -- none: every alert
        description      text NOT NULL,
        created_by       text NOT NULL,
        created_at       timestamptz NOT NULL,
        removed_by       text,
        removed_at       timestamptz,
        CHECK ((removed_at IS NULL) = (removed_by IS NULL))
      )`);
    await runner.query(`
      CREATE TABLE alert_subscription_secret (
        subscription_id uuid PRIMARY KEY REFERENCES alert_subscription ON DELETE CASCADE,
        secret          text NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE alert_delivery (
        delivery_id      uuid PRIMARY KEY,
        subscription_id  uuid NOT NULL REFERENCES alert_subscription,
        alert_id         uuid NOT NULL REFERENCES safety_alert,
        trial_id         text NOT NULL,
        -- The alert as the alerts topic carries it (its envelope, as JSON): what is signed and sent.
        body             text NOT NULL,
        status           text NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'DEAD_LETTERED', 'CANCELLED')),
        attempts         int NOT NULL DEFAULT 0,
        -- Queued, or replayed, at: the give-up time counts from it.
        pending_since    timestamptz NOT NULL,
        next_attempt_at  timestamptz NOT NULL,
        last_attempt_at  timestamptz,
        last_error       text,
        delivered_at     timestamptz,
        dead_lettered_at timestamptz,
        created_at       timestamptz NOT NULL,
        UNIQUE (subscription_id, alert_id)
      )`);
    await runner.query(`CREATE INDEX alert_delivery_due ON alert_delivery (next_attempt_at) WHERE status = 'PENDING'`);
    await runner.query(`CREATE INDEX alert_delivery_by_status ON alert_delivery (status, created_at)`);
    await auditTables(runner, [{ table: 'alert_subscription', verbs: ['removed_at=removed'] }]);
    await leaveOutOfAuditTrail(runner, 'alert_subscription_secret', 'signing secrets must never appear in an audit record; alert_subscription is audited');
    await leaveOutOfAuditTrail(
      runner,
      'alert_delivery',
      'attempts of a machine retrying are transport, like the outbox; the alert is audited, and a replay is an audited operator command',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await unauditTables(runner, ['alert_subscription']);
    for (const table of ['alert_delivery', 'alert_subscription_secret', 'alert_subscription']) await runner.query(`DROP TABLE ${table}`);
  }
}
