import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { HoldScope } from '@trialstream/contracts';

/** A dosing hold as safety placed and lifted it; the placing columns are null while only the lifting has arrived. */
@Entity('dosing_hold')
export class DosingHoldRecord {
  @PrimaryColumn('uuid', { name: 'hold_id' }) holdId: string;
  @Column({ name: 'trial_id' }) trialId: string;
  @Column() scope: HoldScope;
  @Column('text', { name: 'subject_id', nullable: true }) subjectId: string | null;
  @Column('text', { nullable: true }) reason: string | null;
  @Column('timestamptz', { name: 'placed_at', nullable: true }) placedAt: Date | null;
  @Column('text', { name: 'placed_by', nullable: true }) placedBy: string | null;
  @Column('timestamptz', { name: 'lifted_at', nullable: true }) liftedAt: Date | null;
  @Column('text', { name: 'lifted_by', nullable: true }) liftedBy: string | null;
  @Column('text', { name: 'lift_reason', nullable: true }) liftReason: string | null;
}
