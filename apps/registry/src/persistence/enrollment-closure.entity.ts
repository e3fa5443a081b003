import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { TrialStatus } from '@trialstream/contracts';

/**
 * Each EnrollmentClosed the registry received and what it did with it. One not applied tells the
 * person who later lifts a suspension that enrollment had reached its target meanwhile.
 */
@Entity('enrollment_closure')
export class EnrollmentClosureRecord {
  @PrimaryColumn('uuid', { name: 'event_id' }) eventId: string;
  @Column({ name: 'trial_id' }) trialId: string;
  @Column('int') enrolled: number;
  @Column('int') target: number;
  /** The trial's status when the event arrived. */
  @Column({ name: 'trial_status' }) trialStatus: TrialStatus;
  @Column() outcome: 'APPLIED' | 'NOT_APPLIED';
  /** Why it was not applied; null when applied. */
  @Column('text', { nullable: true }) reason: string | null;
  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' }) receivedAt: Date;
}
