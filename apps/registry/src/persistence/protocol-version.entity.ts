import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { ProtocolDefinition } from '@trialstream/contracts';

/** Every published version stays readable; the highest one is in force. */
@Entity('protocol_version')
export class ProtocolVersionRecord {
  @PrimaryColumn({ name: 'trial_id' }) trialId: string;
  @PrimaryColumn('int') version: number;
  @Column({ name: 'effective_date' }) effectiveDate: string;
  @Column('jsonb') protocol: ProtocolDefinition;
  @Column('text', { name: 'amendment_reason', nullable: true }) amendmentReason: string | null;
  @Column({ name: 'published_by' }) publishedBy: string;
  @CreateDateColumn({ name: 'published_at', type: 'timestamptz' }) publishedAt: Date;
}
