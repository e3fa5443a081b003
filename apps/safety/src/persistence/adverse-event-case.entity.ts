import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An adverse-event case of one subject, and what its current version is. */
@Entity('ae_case')
export class AdverseEventCase {
  @PrimaryColumn({ name: 'trial_id' }) trialId: string;
  @PrimaryColumn({ name: 'case_id' }) caseId: string;
  @Column({ name: 'subject_id' }) subjectId: string;
  @Column({ name: 'site_id' }) siteId: string;
  @Column('int', { name: 'current_version' }) currentVersion: number;
  @Column() term: string;
  @Column('int', { name: 'ctcae_grade' }) ctcaeGrade: number;
  @Column('text', { name: 'event_category', nullable: true }) eventCategory: string | null;
  @Column() serious: boolean;
  @Column({ name: 'suspected_related' }) suspectedRelated: boolean;
  @Column({ name: 'fatal_or_life_threatening' }) fatalOrLifeThreatening: boolean;
  @Column() susar: boolean;
  @Column('timestamptz', { name: 'opened_at' }) openedAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}
