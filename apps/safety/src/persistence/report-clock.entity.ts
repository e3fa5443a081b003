import type { ExpeditedReportKind, SusarBasis } from '@trialstream/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ClockStatus } from '../domain/expedited-reports';

/** The clock of one expedited report of a case. */
@Entity('expedited_report_clock')
export class ReportClock {
  @PrimaryColumn({ name: 'trial_id' }) trialId: string;
  @PrimaryColumn({ name: 'case_id' }) caseId: string;
  @PrimaryColumn() report: ExpeditedReportKind;
  @Column({ name: 'subject_id' }) subjectId: string;
  @Column() basis: SusarBasis;
  @Column({ name: 'day_zero' }) dayZero: string;
  @Column({ name: 'due_date' }) dueDate: string;
  @Column('timestamptz', { name: 'overdue_at' }) overdueAt: Date;
  @Column() status: ClockStatus;
  /** The case version that set the clock as it is. */
  @Column('int', { name: 'case_version' }) caseVersion: number;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}
