import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A subscription's signing secret: its own table, left out of the audit trail. */
@Entity('alert_subscription_secret')
export class AlertSubscriptionSecret {
  @PrimaryColumn('uuid', { name: 'subscription_id' }) subscriptionId: string;
  @Column() secret: string;
}
