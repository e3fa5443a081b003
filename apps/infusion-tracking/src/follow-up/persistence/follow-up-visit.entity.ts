import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A follow-up visit that took place: it is no longer due, and never overdue. */
@Entity('follow_up_visit')
export class FollowUpVisit {
  @PrimaryColumn({ name: 'trial_id' }) trialId: string;
  @PrimaryColumn({ name: 'subject_id' }) subjectId: string;
  @PrimaryColumn('int', { name: 'visit_number' }) visitNumber: number;
  @Column({ name: 'visit_date' }) visitDate: string;
  @Column({ name: 'within_window' }) withinWindow: boolean;
  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' }) recordedAt: Date;
}
