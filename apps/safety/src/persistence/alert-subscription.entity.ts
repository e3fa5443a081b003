import type { AlertSeverity } from '@trialstream/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An HTTP endpoint that takes safety alerts, and what it takes. Its secret is kept apart (AlertSubscriptionSecret). */
@Entity('alert_subscription')
export class AlertSubscription {
  @PrimaryColumn('uuid', { name: 'subscription_id' }) subscriptionId: string;
  @Column() url: string;
  @Column('text', { name: 'trial_id', nullable: true }) trialId: string | null;
  @Column('text', { name: 'minimum_severity', nullable: true }) minimumSeverity: AlertSeverity | null;
  @Column() description: string;
  @Column({ name: 'created_by' }) createdBy: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('text', { name: 'removed_by', nullable: true }) removedBy: string | null;
  @Column('timestamptz', { name: 'removed_at', nullable: true }) removedAt: Date | null;
}
