import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A subject's treatment ended, once: by the last planned infusion given, or by its window closing unused. */
@Entity('treatment_completion')
export class TreatmentCompletionRecord {
  @PrimaryColumn({ name: 'trial_id' }) trialId: string;
  @PrimaryColumn({ name: 'subject_id' }) subjectId: string;
  @Column({ name: 'last_infusion_date' }) lastInfusionDate: string;
  @Column('int', { name: 'infusions_given' }) infusionsGiven: number;
  @Column({ name: 'ended_by' }) endedBy: TreatmentEndedBy;
  @Column('timestamptz', { name: 'completed_at' }) completedAt: Date;
}

export type TreatmentEndedBy = 'LAST_INFUSION_GIVEN' | 'LAST_WINDOW_MISSED';
