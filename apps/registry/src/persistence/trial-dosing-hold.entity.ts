import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { TrialStatus } from '@trialstream/contracts';

/**
 * Each trial-wide dosing hold safety placed, and what the registry did with it: the person who
 * later resumes the trial sees which holds and rules suspended it, or found it suspended already.
 */
@Entity('trial_dosing_hold')
export class TrialDosingHoldRecord {
  @PrimaryColumn('uuid', { name: 'hold_id' }) holdId: string;
  @Column({ name: 'trial_id' }) trialId: string;
  @Column() reason: string;
  @Column('text', { name: 'rule_id', nullable: true }) ruleId: string | null;
  @Column('text', { name: 'case_id', nullable: true }) caseId: string | null;
  @Column({ name: 'placed_by' }) placedBy: string;
  @Column('timestamptz', { name: 'placed_at' }) placedAt: Date;
  /** The trial's status when the hold arrived. */
  @Column({ name: 'trial_status' }) trialStatus: TrialStatus;
  @Column() outcome: 'APPLIED' | 'NOT_APPLIED';
  /** Why the trial was not suspended; null when it was. */
  @Column('text', { name: 'not_applied_reason', nullable: true }) notAppliedReason: string | null;
  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' }) receivedAt: Date;
}
