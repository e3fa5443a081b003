import type { ProtocolVersionPublishedPayload } from '@trialstream/contracts';
import type { EntityManager } from 'typeorm';
import { SubjectVisit } from '../../persistence/subject-visit.entity';
import { SubjectWithdrawal } from '../../persistence/subject-withdrawal.entity';
import type { GivenInfusion } from '../domain/deviation';
import type { SubjectStanding } from '../domain/standing-deviations';
import { DosingHoldRecord } from './dosing-hold.entity';
import { InfusionAdministrationRecord } from './infusion-administration.entity';
import { SubjectReconsent } from './subject-reconsent.entity';
import { TreatmentPlanVersion } from './treatment-plan-version.entity';

/** Keeps a protocol version's dose rule and sites; a version arriving again changes nothing. */
export async function keepTreatmentPlanVersion(tx: EntityManager, { trialId, protocol }: ProtocolVersionPublishedPayload): Promise<void> {
  await tx
    .getRepository(TreatmentPlanVersion)
    .createQueryBuilder()
    .insert()
    .values({ trialId, protocolVersion: protocol.version, dosing: protocol.dosing, sites: protocol.sites ?? null })
    .orIgnore()
    .execute();
}

/** A subject's visits are planned from a version that is here: it was kept in the same transaction. */
export function treatmentPlanVersion(tx: EntityManager, trialId: string, protocolVersion: number): Promise<TreatmentPlanVersion> {
  return tx.getRepository(TreatmentPlanVersion).findOneByOrFail({ trialId, protocolVersion });
}

/** The subject's infusion visits in number order, locked: one subject's reports are judged one at a time. */
export function lockInfusionVisits(tx: EntityManager, trialId: string, subjectId: string): Promise<SubjectVisit[]> {
  return tx.getRepository(SubjectVisit).find({ where: { trialId, subjectId, kind: 'INFUSION' }, order: { number: 'ASC' }, lock: { mode: 'pessimistic_write' } });
}

export async function givenInfusions(tx: EntityManager, trialId: string, subjectId: string): Promise<GivenInfusion[]> {
  const given = await tx.getRepository(InfusionAdministrationRecord).find({
    select: { infusionNumber: true, administeredAt: true, administeredOn: true },
    where: { trialId, subjectId },
    order: { administeredAt: 'ASC' },
  });
  return given.map((g) => ({ number: g.infusionNumber, administeredAt: g.administeredAt, administeredOn: g.administeredOn }));
}

export async function standingOf(tx: EntityManager, trialId: string, subjectId: string): Promise<SubjectStanding> {
  const withdrawal = await tx.getRepository(SubjectWithdrawal).findOneBy({ trialId, subjectId });
  const holds = await tx.getRepository(DosingHoldRecord).find({ where: [{ trialId, scope: 'TRIAL' }, { trialId, scope: 'SUBJECT', subjectId }] });
  const reconsents = await tx.getRepository(SubjectReconsent).findBy({ trialId, subjectId });
  return {
    withdrawalDate: withdrawal?.withdrawalDate ?? null,
    // A hold only lifted so far (its placing still to arrive) holds nothing back.
    holds: holds.flatMap((h) => (h.placedAt && h.reason ? [{ scope: h.scope, reason: h.reason, placedAt: h.placedAt, liftedAt: h.liftedAt }] : [])),
    reconsentRequests: reconsents.flatMap((r) =>
      r.requiredAt && r.requiredConsentVersion ? [{ protocolVersion: r.protocolVersion, requiredConsentVersion: r.requiredConsentVersion, requiredAt: r.requiredAt }] : [],
    ),
    reconsents: reconsents.flatMap((r) => (r.consentDate ? [{ protocolVersion: r.protocolVersion, consentDate: r.consentDate }] : [])),
  };
}
