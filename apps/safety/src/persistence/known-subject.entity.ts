import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A subject enrolled in a trial, from enrollment's events: safety takes reports of known subjects only. */
@Entity('known_subject')
export class KnownSubject {
  @PrimaryColumn({ name: 'trial_id' }) trialId: string;
  @PrimaryColumn({ name: 'subject_id' }) subjectId: string;
  /** The site whose calendar the subject's report deadlines run on. */
  @Column({ name: 'site_id' }) siteId: string;
  /** Withdrawn subjects still have their adverse events reported, but receive no more doses. */
  @Column('text', { name: 'withdrawal_date', nullable: true }) withdrawalDate: string | null;
}
