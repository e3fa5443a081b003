import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ExpeditedReporting, StoppingRule, TrialSite } from '@trialstream/contracts';

@Entity('trial_safety_policy')
export class TrialSafetyPolicy {
  @PrimaryColumn({ name: 'trial_id' }) trialId: string;
  @Column('int', { name: 'protocol_version' }) protocolVersion: number;
  @Column('jsonb', { name: 'subject_stopping_rules' }) subjectStoppingRules: StoppingRule[];
  @Column('jsonb', { name: 'trial_stopping_rules' }) trialStoppingRules: StoppingRule[];
  @Column('jsonb', { name: 'expedited_reporting' }) expeditedReporting: ExpeditedReporting;
  @Column('jsonb', { nullable: true }) sites: TrialSite[] | null;
  @Column('text', { name: 'investigational_products', array: true }) investigationalProducts: string[];
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
