import type { AlertSeverity, SafetyAlertKind } from '@trialstream/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An alert raised for safety monitors, and who acknowledged it. */
@Entity('safety_alert')
export class SafetyAlert {
  @PrimaryColumn('uuid', { name: 'alert_id' }) alertId: string;
  @Column({ name: 'trial_id' }) trialId: string;
  @Column() kind: SafetyAlertKind;
  @Column() severity: AlertSeverity;
  @Column({ name: 'subject_id' }) subjectId: string;
  @Column({ name: 'case_id' }) caseId: string;
  @Column('int', { name: 'case_version' }) caseVersion: number;
  @Column('text', { array: true }) facts: string[];
  @Column('text', { name: 'rule_id', nullable: true }) ruleId: string | null;
  @Column('uuid', { name: 'hold_id', nullable: true }) holdId: string | null;
  @Column('text', { name: 'due_date', nullable: true }) dueDate: string | null;
  @Column() summary: string;
  @Column({ name: 'next_step' }) nextStep: string;
  @Column('timestamptz', { name: 'raised_at' }) raisedAt: Date;
  /** The SafetyAlertRaised that published it: its outbox row places the alert in the stream's order. Not read unless asked for. */
  @Column('uuid', { name: 'raised_event_id', nullable: true, select: false }) raisedEventId?: string | null;
  @Column('timestamptz', { name: 'acknowledged_at', nullable: true }) acknowledgedAt: Date | null;
  @Column('text', { name: 'acknowledged_by', nullable: true }) acknowledgedBy: string | null;
}
