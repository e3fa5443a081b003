import type { InfusionAdministration } from '@trialstream/contracts';
import { sampleEnvelope } from '@trialstream/testing';

const vitals = { systolicMmHg: 118, diastolicMmHg: 76, heartRateBpm: 72, temperatureCelsius: 36.7 };

/** An infusion as a site reports it: 64x10^6 cells for 64 kg, the reference dose, unless overridden. */
export const infusionReport = (infusionNumber: number, administeredAt: string, overrides: Partial<InfusionAdministration> = {}): InfusionAdministration => ({
  infusionNumber,
  administeredAt,
  bodyWeightKg: 64,
  cellsGiven: 64_000_000,
  productLot: `UCMSC-2015-${String(infusionNumber).padStart(3, '0')}`,
  viabilityPercent: 92.5,
  durationMinutes: 35,
  vitalSignsBefore: vitals,
  vitalSignsAfter: { ...vitals, heartRateBpm: 78 },
  recordedBy: 'site nurse',
  ...overrides,
});

/** The same report from a site's system, on the ingress topic. */
export const infusionSubmitted = (trialId: string, subjectId: string, report: InfusionAdministration | Record<string, unknown>) =>
  sampleEnvelope({ ...report, subjectId }, { type: 'InfusionAdministrationSubmitted', trialId, subjectId, producer: 'site system' });

/** Safety's dosing holds as safety puts them on its topic, for tests that play its part. */
export const dosingHold = (event: 'DosingHoldPlaced' | 'DosingHoldLifted', trialId: string, subjectId: string, holdId: string, at: string) =>
  sampleEnvelope(
    event === 'DosingHoldPlaced'
      ? { holdId, scope: 'SUBJECT', subjectId, reason: 'grade 3 infusion reaction under review', placedAt: at, placedBy: 'medical monitor' }
      : { holdId, scope: 'SUBJECT', subjectId, reason: 'reaction reviewed: not product-related', liftedAt: at, liftedBy: 'medical monitor' },
    { type: event, trialId, subjectId, producer: 'safety' },
  );

/** Enrollment's re-consent events as enrollment puts them on its topic. */
export const reconsentRequired = (trialId: string, subjectId: string) =>
  sampleEnvelope({ subjectId, protocolVersion: 2, requiredConsentVersion: '2.0' }, { type: 'ReconsentRequired', trialId, subjectId, producer: 'enrollment' });

export const subjectReconsented = (trialId: string, subjectId: string) =>
  sampleEnvelope(
    { subjectId, protocolVersion: 2, consentVersion: '2.0', consentDate: '2015-06-30' },
    { type: 'SubjectReconsented', trialId, subjectId, producer: 'enrollment' },
  );
