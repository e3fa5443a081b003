import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { VisitKind, VisitStatus } from '../domain/subject-schedule';

@Entity('subject_visit')
export class SubjectVisit {
  @PrimaryColumn({ name: 'trial_id' }) trialId: string;
  @PrimaryColumn({ name: 'subject_id' }) subjectId: string;
  @PrimaryColumn() kind: VisitKind;
  @PrimaryColumn('int') number: number;
  @Column('int', { name: 'protocol_version' }) protocolVersion: number;
  /** The subject's site, on whose calendar the window is judged. */
  @Column({ name: 'site_id' }) siteId: string;
  @Column({ name: 'planned_date' }) plannedDate: string;
  @Column({ name: 'window_opens' }) windowOpens: string;
  @Column({ name: 'window_closes' }) windowCloses: string;
  @Column('bigint', { name: 'dose_cells', nullable: true }) doseCells: string | null;
  @Column('bigint', { name: 'dose_min_cells', nullable: true }) doseMinCells: string | null;
  @Column('bigint', { name: 'dose_max_cells', nullable: true }) doseMaxCells: string | null;
  @Column() status: VisitStatus;
}
