import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { ProtocolDefinition } from '@trialstream/contracts';
import type { CtGovStudy } from '../domain/registry-record';

@Entity('trial')
export class TrialRecord {
  @PrimaryColumn({ name: 'nct_id' })
  nctId: string;

  @Column({ name: 'brief_title' })
  briefTitle: string;

  @Column({ name: 'overall_status' })
  overallStatus: string;

  @Column('text', { array: true })
  phases: string[];

  /** The registry record as imported, kept verbatim. */
  @Column('jsonb', { name: 'registry_record' })
  registryRecord: CtGovStudy;

  @Column('jsonb', { nullable: true })
  protocol: ProtocolDefinition | null;

  @CreateDateColumn({ name: 'registered_at', type: 'timestamptz' })
  registeredAt: Date;
}
