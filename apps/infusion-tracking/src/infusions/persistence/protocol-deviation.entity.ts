import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DeviationKind } from '@trialstream/contracts';

/** A rule of the protocol an infusion broke, recorded beside it. */
@Entity('protocol_deviation')
export class ProtocolDeviationRecord {
  @PrimaryColumn('uuid', { name: 'deviation_id' }) deviationId: string;
  @Column('uuid', { name: 'administration_id' }) administrationId: string;
  @Column({ name: 'trial_id' }) trialId: string;
  @Column({ name: 'subject_id' }) subjectId: string;
  @Column('int', { name: 'infusion_number' }) infusionNumber: number;
  @Column('int', { name: 'protocol_version' }) protocolVersion: number;
  @Column() kind: DeviationKind;
  @Column() rule: string;
  @Column() observed: string;
  @Column() allowed: string;
  @Column({ name: 'occurred_on' }) occurredOn: string;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt: Date;
  /** The order deviations were recorded in: the trial's list pages by it. */
  @Column({ type: 'bigint', insert: false, update: false, select: false }) position: string;
}
