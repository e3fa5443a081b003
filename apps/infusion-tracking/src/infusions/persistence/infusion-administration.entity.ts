import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ImmediateReaction, VitalSigns } from '@trialstream/contracts';
import type { DoseRange } from '../domain/dose';

/** bigint columns come back from PostgreSQL as text; cell counts stay well inside a double's exact integers. */
export const CELLS = { to: (cells: number) => cells, from: (value: string) => Number(value) };

/** An infusion as the site reported it, with the dose expected that day. */
@Entity('infusion_administration')
export class InfusionAdministrationRecord {
  @PrimaryColumn('uuid', { name: 'administration_id' }) administrationId: string;
  @Column({ name: 'trial_id' }) trialId: string;
  @Column({ name: 'subject_id' }) subjectId: string;
  @Column('int', { name: 'infusion_number' }) infusionNumber: number;
  @Column('int', { name: 'protocol_version' }) protocolVersion: number;
  @Column({ name: 'site_id' }) siteId: string;
  @Column('timestamptz', { name: 'administered_at' }) administeredAt: Date;
  /** The day at the site. */
  @Column({ name: 'administered_on' }) administeredOn: string;
  @Column('double precision', { name: 'body_weight_kg' }) bodyWeightKg: number;
  @Column('bigint', { name: 'cells_given', transformer: CELLS }) cellsGiven: number;
  @Column('jsonb', { name: 'expected_dose' }) expectedDose: DoseRange;
  @Column({ name: 'product_lot' }) productLot: string;
  @Column('double precision', { name: 'viability_percent' }) viabilityPercent: number;
  @Column('double precision', { name: 'duration_minutes' }) durationMinutes: number;
  @Column('jsonb', { name: 'vital_signs_before' }) vitalSignsBefore: VitalSigns;
  @Column('jsonb', { name: 'vital_signs_after' }) vitalSignsAfter: VitalSigns;
  @Column('jsonb', { nullable: true }) reaction: ImmediateReaction | null;
  @Column({ name: 'recorded_by' }) recordedBy: string;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt: Date;
}
