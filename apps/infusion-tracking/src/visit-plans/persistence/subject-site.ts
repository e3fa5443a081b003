import { timeZoneOfSite } from '@trialstream/contracts';
import type { EntityManager } from 'typeorm';
import { TrialTreatmentPlan } from '../../persistence/trial-treatment-plan.entity';
import { SubjectVisitPlan } from './subject-visit-plan.entity';

/** The plan a subject's visits follow now; null before their enrollment planned any. */
export function currentVisitPlan(tx: EntityManager, trialId: string, subjectId: string): Promise<SubjectVisitPlan | null> {
  return tx.getRepository(SubjectVisitPlan).findOne({ where: { trialId, subjectId }, order: { planNumber: 'DESC' } });
}

export interface SubjectSite {
  siteId: string;
  /** The time zone of the site's calendar, on which the subject's visit days are days. */
  timeZone: string;
}

/** The site a subject's plan follows them at. */
export async function siteOfPlan(tx: EntityManager, plan: SubjectVisitPlan): Promise<SubjectSite> {
  const trial = await tx.getRepository(TrialTreatmentPlan).findOneBy({ trialId: plan.trialId });
  return { siteId: plan.siteId, timeZone: timeZoneOfSite(trial?.sites, plan.siteId) };
}

/** The site a subject is followed at; null before their visits are planned. */
export async function siteOfSubject(tx: EntityManager, trialId: string, subjectId: string): Promise<SubjectSite | null> {
  const plan = await currentVisitPlan(tx, trialId, subjectId);
  return plan ? siteOfPlan(tx, plan) : null;
}
