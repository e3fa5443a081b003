import type { AdverseEventReport } from '@trialstream/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Classification } from '../domain/classification';

export type ReceivedVia = 'SPONSOR_INGRESS' | 'HTTP' | 'INFUSION_TRACKING';

/** One report of a case, as received, and how safety classified it: every version is kept. */
@Entity('ae_case_version')
export class CaseVersion {
  @PrimaryColumn({ name: 'trial_id' }) trialId: string;
  @PrimaryColumn({ name: 'case_id' }) caseId: string;
  @PrimaryColumn('int') version: number;
  @Column({ name: 'report_id' }) reportId: string;
  @Column({ name: 'received_via' }) receivedVia: ReceivedVia;
  @Column('jsonb') report: AdverseEventReport;
  @Column('jsonb') classification: Classification;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt: Date;
}
