import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { PlannedAssessment } from '@trialstream/contracts';
import type { SubjectVisit } from '../../persistence/subject-visit.entity';

export type PlanReason = 'ENROLLED' | 'RECONSENTED';

/**
 * Every plan a subject's visits followed, numbered from 1: the one made at enrollment and one per
 * re-consent to a new protocol version, each with what it was made from and the visits as it left them.
 */
@Entity('subject_visit_plan')
export class SubjectVisitPlan {
  @PrimaryColumn({ name: 'trial_id' }) trialId: string;
  @PrimaryColumn({ name: 'subject_id' }) subjectId: string;
  @PrimaryColumn('int', { name: 'plan_number' }) planNumber: number;
  @Column('int', { name: 'protocol_version' }) protocolVersion: number;
  @Column() reason: PlanReason;
  @Column({ name: 'site_id' }) siteId: string;
  @Column('double precision', { name: 'body_weight_kg' }) bodyWeightKg: number;
  @Column({ name: 'first_infusion_date' }) firstInfusionDate: string;
  @Column('text', { name: 'reconsent_date', nullable: true }) reconsentDate: string | null;
  /** The assessments this protocol version plans after baseline. */
  @Column('jsonb') assessments: PlannedAssessment[];
  @Column('jsonb') visits: Omit<SubjectVisit, 'trialId' | 'subjectId'>[];
  @CreateDateColumn({ name: 'planned_at', type: 'timestamptz' }) plannedAt: Date;
}
