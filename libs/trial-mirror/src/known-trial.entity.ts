import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { TrialStatus } from '@trialstream/contracts';

/** A service's copy of what the registry says a trial is: its title and current overall status. */
@Entity('known_trial')
export class KnownTrial {
  @PrimaryColumn({ name: 'trial_id' }) trialId: string;
  @Column({ name: 'brief_title' }) briefTitle: string;
  @Column({ name: 'overall_status' }) overallStatus: TrialStatus;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
