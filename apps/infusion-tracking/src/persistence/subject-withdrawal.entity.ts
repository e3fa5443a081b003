import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A subject's withdrawal, kept whether or not their visits are planned yet: an enrollment that
 * arrives after it (late or again) finds it and plans nothing.
 */
@Entity('subject_withdrawal')
export class SubjectWithdrawal {
  @PrimaryColumn({ name: 'trial_id' }) trialId: string;
  @PrimaryColumn({ name: 'subject_id' }) subjectId: string;
  @Column({ name: 'withdrawn_by' }) withdrawnBy: 'SUBJECT' | 'INVESTIGATOR';
  @Column() reason: string;
  @Column({ name: 'withdrawal_date' }) withdrawalDate: string;
  @Column('uuid', { name: 'event_id' }) eventId: string;
  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' }) recordedAt: Date;
}
