import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { EligibilityRules, TrialSite } from '@trialstream/contracts';

@Entity('trial_enrollment_policy')
export class TrialEnrollmentPolicy {
  @PrimaryColumn({ name: 'trial_id' }) trialId: string;
  @Column('int', { name: 'protocol_version' }) protocolVersion: number;
  @Column('int', { name: 'enrollment_target' }) enrollmentTarget: number;
  @Column({ name: 'informed_consent_version' }) informedConsentVersion: string;
  @Column('jsonb') eligibility: EligibilityRules;
  @Column('jsonb', { nullable: true }) sites: TrialSite[] | null;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
