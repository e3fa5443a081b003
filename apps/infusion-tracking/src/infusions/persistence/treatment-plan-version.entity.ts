import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DosingRule, TrialSite } from '@trialstream/contracts';

/** The part of each protocol version an infusion is judged by, kept after newer versions arrive. */
@Entity('treatment_plan_version')
export class TreatmentPlanVersion {
  @PrimaryColumn({ name: 'trial_id' }) trialId: string;
  @PrimaryColumn('int', { name: 'protocol_version' }) protocolVersion: number;
  @Column('jsonb') dosing: DosingRule;
  /** Null when the protocol lists no sites. */
  @Column('jsonb', { nullable: true }) sites: TrialSite[] | null;
}
