import type { ExpeditedReportKind } from '@trialstream/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An expedited report sent to a regulator or committee, as a person recorded it. */
@Entity('report_submission')
export class ReportSubmission {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' }) id: string;
  @Column({ name: 'trial_id' }) trialId: string;
  @Column({ name: 'case_id' }) caseId: string;
  @Column() report: ExpeditedReportKind;
  @Column() recipient: string;
  @Column() reference: string;
  @Column({ name: 'submitted_by' }) submittedBy: string;
  @Column('timestamptz', { name: 'submitted_at' }) submittedAt: Date;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt: Date;
}
