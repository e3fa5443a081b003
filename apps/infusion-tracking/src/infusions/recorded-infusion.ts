import { randomUUID } from 'node:crypto';
import type { CalendarDate, InfusionAdministrationSubmittedPayload } from '@trialstream/contracts';
import { In, type EntityManager } from 'typeorm';
import type { AdministrationReview } from './domain/administration-review';
import { InfusionAdministrationRecord } from './persistence/infusion-administration.entity';
import { ProtocolDeviationRecord } from './persistence/protocol-deviation.entity';

/** An infusion as recorded, with the deviations found in it. */
export type RecordedInfusion = InfusionAdministrationRecord & { deviations: ProtocolDeviationRecord[] };

/** What judging the report settled: whose site and protocol version, the day at the site, the review. */
interface Judged {
  trialId: string;
  siteId: string;
  protocolVersion: number;
  administeredOn: CalendarDate;
  recordedAt: Date;
  review: AdministrationReview;
}

export async function saveRecordedInfusion(tx: EntityManager, report: InfusionAdministrationSubmittedPayload, judged: Judged): Promise<RecordedInfusion> {
  const { trialId, siteId, protocolVersion, administeredOn, recordedAt, review } = judged;
  const { subjectId, infusionNumber } = report;
  const administration = tx.getRepository(InfusionAdministrationRecord).create({
    administrationId: randomUUID(), trialId, subjectId, infusionNumber, protocolVersion, siteId,
    administeredAt: new Date(report.administeredAt), administeredOn,
    bodyWeightKg: report.bodyWeightKg, cellsGiven: report.cellsGiven, expectedDose: review.expectedDose,
    productLot: report.productLot, viabilityPercent: report.viabilityPercent, durationMinutes: report.durationMinutes,
    vitalSignsBefore: report.vitalSignsBefore, vitalSignsAfter: report.vitalSignsAfter, reaction: report.reaction ?? null,
    recordedBy: report.recordedBy, recordedAt,
  });
  await tx.getRepository(InfusionAdministrationRecord).insert(administration);
  const deviations = review.deviations.map((deviation) => tx.getRepository(ProtocolDeviationRecord).create({
    ...deviation, deviationId: randomUUID(), administrationId: administration.administrationId, trialId, subjectId, infusionNumber, protocolVersion,
    occurredOn: administeredOn, recordedAt,
  }));
  if (deviations.length > 0) await tx.getRepository(ProtocolDeviationRecord).insert(deviations);
  return { ...administration, deviations };
}

/** A subject's infusions in the order given, each with its deviations. */
export async function recordedInfusionsOf(tx: EntityManager, trialId: string, subjectId: string): Promise<RecordedInfusion[]> {
  const administrations = await tx.getRepository(InfusionAdministrationRecord).find({ where: { trialId, subjectId }, order: { administeredAt: 'ASC' } });
  const deviations = await tx.getRepository(ProtocolDeviationRecord).find({
    where: { administrationId: In(administrations.map((a) => a.administrationId)) },
    order: { position: 'ASC' },
  });
  return administrations.map((a) => ({ ...a, deviations: deviations.filter((d) => d.administrationId === a.administrationId) }));
}
