import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { AssessmentTimepoint, DlqiResponse, DlqiResult, PasiResponse, PasiResult } from '@trialstream/contracts';
import type { Instrument } from '../domain/assessment-checks';

/** A subject's scores at screening, from SubjectEnrolled: what every later assessment is measured against. */
@Entity('subject_baseline')
export class SubjectBaseline {
  @PrimaryColumn({ name: 'trial_id' }) trialId: string;
  @PrimaryColumn({ name: 'subject_id' }) subjectId: string;
  @Column({ name: 'baseline_date' }) baselineDate: string;
  @Column('double precision', { name: 'baseline_pasi' }) baselinePasi: number;
  @Column('int', { name: 'baseline_dlqi' }) baselineDlqi: number;
}

/** An assessment after an infusion that fell due when the subject's treatment completed. */
@Entity('assessment_due')
export class AssessmentDue {
  @PrimaryColumn({ name: 'trial_id' }) trialId: string;
  @PrimaryColumn({ name: 'subject_id' }) subjectId: string;
  @PrimaryColumn() timepoint: AssessmentTimepoint;
  @PrimaryColumn('int', { name: 'visit_number' }) visitNumber: number;
  @Column('jsonb') instruments: Instrument[];
  /** The day of the last infusion. */
  @Column({ name: 'due_since' }) dueSince: string;
}

/** One instrument of one assessment, with its result and its response against baseline (null when there is none). */
@Entity('assessment')
export class AssessmentRecord {
  @PrimaryColumn({ name: 'trial_id' }) trialId: string;
  @PrimaryColumn({ name: 'subject_id' }) subjectId: string;
  @PrimaryColumn() timepoint: AssessmentTimepoint;
  @PrimaryColumn('int', { name: 'visit_number' }) visitNumber: number;
  @PrimaryColumn() instrument: Instrument;
  @Column({ name: 'assessed_on' }) assessedOn: string;
  @Column('jsonb') result: PasiResult | DlqiResult;
  @Column('jsonb', { nullable: true }) response: PasiResponse | DlqiResponse | null;
  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' }) recordedAt: Date;
}
