import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { TrialStatus } from '@trialstream/contracts';
import type { CtGovStudy } from '../domain/ctgov-study';

@Entity('trial')
export class TrialRecord {
  @PrimaryColumn({ name: 'trial_id' }) trialId: string;
  @Column('text', { name: 'org_study_id', nullable: true }) orgStudyId: string | null;
  @Column({ name: 'brief_title' }) briefTitle: string;
  @Column('text', { name: 'official_title', nullable: true }) officialTitle: string | null;
  @Column('text', { array: true }) phases: string[];
  @Column({ name: 'overall_status' }) overallStatus: TrialStatus;
  @Column('text', { name: 'lead_sponsor', nullable: true }) leadSponsor: string | null;

  /** The ClinicalTrials.gov record as imported, verbatim; null for a trial known by id and title only. */
  @Column('jsonb', { name: 'registry_record', nullable: true }) registryRecord: CtGovStudy | null;

  @CreateDateColumn({ name: 'registered_at', type: 'timestamptz' }) registeredAt: Date;
}
