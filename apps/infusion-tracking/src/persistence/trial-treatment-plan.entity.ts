import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { DosingRule, FollowUpPlan, PlannedAssessment, PlannedInfusion, TrialSite } from '@trialstream/contracts';

@Entity('trial_treatment_plan')
export class TrialTreatmentPlan {
  @PrimaryColumn({ name: 'trial_id' }) trialId: string;
  @Column('int', { name: 'protocol_version' }) protocolVersion: number;
  @Column('jsonb') dosing: DosingRule;
  @Column('jsonb') infusions: PlannedInfusion[];
  @Column('jsonb') assessments: PlannedAssessment[];
  @Column('jsonb', { name: 'follow_up' }) followUp: FollowUpPlan;
  @Column('int', { array: true, name: 'follow_up_day_offsets' }) followUpDayOffsets: number[];
  @Column('jsonb', { nullable: true }) sites: TrialSite[] | null;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
