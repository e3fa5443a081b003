import { Column, Entity, PrimaryColumn } from 'typeorm';

export const DELIVERY_STATUSES = ['PENDING', 'DELIVERED', 'DEAD_LETTERED', 'CANCELLED'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One alert on its way to one subscription's endpoint; the alert id is every attempt's Idempotency-Key. */
@Entity('alert_delivery')
export class AlertDelivery {
  @PrimaryColumn('uuid', { name: 'delivery_id' }) deliveryId: string;
  @Column('uuid', { name: 'subscription_id' }) subscriptionId: string;
  @Column('uuid', { name: 'alert_id' }) alertId: string;
  @Column({ name: 'trial_id' }) trialId: string;
  /** What is signed and sent; lists leave it out (the alert is in GET /trials/{id}/alerts). */
  @Column({ select: false }) body: string;
  @Column() status: DeliveryStatus;
  @Column('int') attempts: number;
  @Column('timestamptz', { name: 'pending_since' }) pendingSince: Date;
  @Column('timestamptz', { name: 'next_attempt_at' }) nextAttemptAt: Date;
  @Column('timestamptz', { name: 'last_attempt_at', nullable: true }) lastAttemptAt: Date | null;
  @Column('text', { name: 'last_error', nullable: true }) lastError: string | null;
  @Column('timestamptz', { name: 'delivered_at', nullable: true }) deliveredAt: Date | null;
  @Column('timestamptz', { name: 'dead_lettered_at', nullable: true }) deadLetteredAt: Date | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
}
