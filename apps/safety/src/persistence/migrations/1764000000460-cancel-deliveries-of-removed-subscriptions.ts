import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cancels the deliveries a removed subscription still had open. An alert queued while its
 * subscription was being removed could commit a PENDING delivery after the removal cancelled the
 * others (AlertDeliveryQueue now reads subscriptions FOR SHARE, so it no longer can); such a
 * delivery has no secret to be signed with and would stay pending for ever.
 */
export class CancelDeliveriesOfRemovedSubscriptions1764000000460 implements MigrationInterface {
  name = 'CancelDeliveriesOfRemovedSubscriptions1764000000460';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      UPDATE alert_delivery d SET status = 'CANCELLED'
        FROM alert_subscription s
       WHERE s.subscription_id = d.subscription_id AND s.removed_at IS NOT NULL AND d.status IN ('PENDING', 'DEAD_LETTERED')`);
  }

  async down(): Promise<void> {
    // Nothing to undo: the deliveries cancelled could never have been sent.
  }
}
