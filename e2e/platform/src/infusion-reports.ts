import type { InfusionReport } from '@trialstream/contracts';
import { sampleEnvelope } from '@trialstream/testing';

const vitals = { systolicMmHg: 118, diastolicMmHg: 76, heartRateBpm: 72, temperatureCelsius: 36.7 };

/** An infusion as a site reports it over HTTP (the token says who): 64x10^6 cells for 64 kg, the reference dose, unless overridden. */
export const infusionReport = (infusionNumber: number, administeredAt: string, overrides: Partial<InfusionReport> = {}): InfusionReport => ({
  infusionNumber,
  administeredAt,
  bodyWeightKg: 64,
  cellsGiven: 64_000_000,
  productLot: `UCMSC-2015-${String(infusionNumber).padStart(3, '0')}`,
  viabilityPercent: 92.5,
  durationMinutes: 35,
  vitalSignsBefore: vitals,
  vitalSignsAfter: { ...vitals, heartRateBpm: 78 },
  ...overrides,
});

/** The same report from a site's system, on the ingress topic. */
export const infusionSubmitted = (trialId: string, subjectId: string, report: InfusionReport) =>
  sampleEnvelope({ ...report, recordedBy: 'site nurse', subjectId }, { type: 'InfusionAdministrationSubmitted', trialId, subjectId, producer: 'site system' });
