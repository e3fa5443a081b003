import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { TrialStatus } from '@trialstream/contracts';

/** The audit trail of a trial's overall status: who moved it, from what, to what, and why. */
@Entity('trial_status_change')
export class TrialStatusChangeRecord {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' }) id: string;
  @Column({ name: 'trial_id' }) trialId: string;
  @Column({ name: 'from_status' }) from: TrialStatus;
  @Column({ name: 'to_status' }) to: TrialStatus;
  @Column() reason: string;
  @Column({ name: 'changed_by' }) changedBy: string;
  @CreateDateColumn({ name: 'changed_at', type: 'timestamptz' }) changedAt: Date;
}
