import type { HoldScope } from '@trialstream/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A dosing hold on a subject or a whole trial, placed by a stopping rule or a person, lifted only by a person. */
@Entity('dosing_hold')
export class DosingHold {
  @PrimaryColumn('uuid', { name: 'hold_id' }) holdId: string;
  @Column({ name: 'trial_id' }) trialId: string;
  @Column() scope: HoldScope;
  @Column('text', { name: 'subject_id', nullable: true }) subjectId: string | null;
  @Column() reason: string;
  @Column('text', { name: 'rule_id', nullable: true }) ruleId: string | null;
  @Column('text', { name: 'case_id', nullable: true }) caseId: string | null;
  @Column('timestamptz', { name: 'placed_at' }) placedAt: Date;
  @Column({ name: 'placed_by' }) placedBy: string;
  @Column('timestamptz', { name: 'lifted_at', nullable: true }) liftedAt: Date | null;
  @Column('text', { name: 'lifted_by', nullable: true }) liftedBy: string | null;
  @Column('text', { name: 'lift_reason', nullable: true }) liftReason: string | null;
}
