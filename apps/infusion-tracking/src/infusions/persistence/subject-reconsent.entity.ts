import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A re-consent enrollment asked a subject for (ReconsentRequired) and the one they gave (SubjectReconsented), per protocol version. */
@Entity('subject_reconsent')
export class SubjectReconsent {
  @PrimaryColumn({ name: 'trial_id' }) trialId: string;
  @PrimaryColumn({ name: 'subject_id' }) subjectId: string;
  @PrimaryColumn('int', { name: 'protocol_version' }) protocolVersion: number;
  @Column('text', { name: 'required_consent_version', nullable: true }) requiredConsentVersion: string | null;
  @Column('timestamptz', { name: 'required_at', nullable: true }) requiredAt: Date | null;
  @Column('text', { name: 'consent_version', nullable: true }) consentVersion: string | null;
  @Column('text', { name: 'consent_date', nullable: true }) consentDate: string | null;
}
