import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RuleResult, ScreeningData } from '@trialstream/contracts';
import type { SubjectStatus } from '../domain/enrollment-rules';

/** A screened subject of a trial, and their way through consent, enrollment and withdrawal. */
@Entity('subject')
export class SubjectRecord {
  @PrimaryColumn({ name: 'trial_id' }) trialId: string;
  @PrimaryColumn({ name: 'subject_id' }) subjectId: string;
  @Column({ name: 'site_id' }) siteId: string;
  @Column() status: SubjectStatus;
  @Column() eligible: boolean;
  @Column('int', { name: 'screened_under_version' }) screenedUnderVersion: number;
  @Column('json') screening: ScreeningData;
  @Column('json', { name: 'rule_results' }) ruleResults: RuleResult[];
  @Column('timestamptz', { name: 'screened_at' }) screenedAt: Date;
  @Column('text', { name: 'consent_version', nullable: true }) consentVersion: string | null;
  @Column('text', { name: 'consent_date', nullable: true }) consentDate: string | null;
  /** The consent form version an amendment asks the subject to sign, until they re-consent; and that amendment's protocol version. */
  @Column('text', { name: 'reconsent_required_version', nullable: true }) reconsentRequiredVersion: string | null;
  @Column('int', { name: 'reconsent_required_under', nullable: true }) reconsentRequiredUnder: number | null;
  @Column('int', { name: 'enrollment_number', nullable: true }) enrollmentNumber: number | null;
  @Column('timestamptz', { name: 'enrolled_at', nullable: true }) enrolledAt: Date | null;
  @Column('text', { name: 'planned_first_infusion_date', nullable: true }) plannedFirstInfusionDate: string | null;
  @Column('text', { name: 'withdrawn_by', nullable: true }) withdrawnBy: 'SUBJECT' | 'INVESTIGATOR' | null;
  @Column('text', { name: 'withdrawal_reason', nullable: true }) withdrawalReason: string | null;
  @Column('text', { name: 'withdrawal_date', nullable: true }) withdrawalDate: string | null;
}
