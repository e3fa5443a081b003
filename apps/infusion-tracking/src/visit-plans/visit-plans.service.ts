import { Injectable, Logger } from '@nestjs/common';
import { PrerequisiteMissingError, timeZoneOfSite, type CalendarDate } from '@trialstream/contracts';
import { In, type EntityManager } from 'typeorm';
import { scheduleVisits, type PlannedVisit } from '../domain/subject-schedule';
import { FollowUpNotices, type FollowedSubject } from '../follow-up/follow-up-notices.service';
import { FollowUpVisit } from '../follow-up/persistence/follow-up-visit.entity';
import { MissedInfusionTimers } from '../infusions/missed-infusion-timers';
import { SubjectVisit } from '../persistence/subject-visit.entity';
import { SubjectWithdrawal } from '../persistence/subject-withdrawal.entity';
import { TrialTreatmentPlan } from '../persistence/trial-treatment-plan.entity';
import { planReconsent, replanVisits } from './domain/replanning';
import { currentVisitPlan } from './persistence/subject-site';
import { SubjectVisitPlan, type PlanReason } from './persistence/subject-visit-plan.entity';

/** What a subject's visits are planned from: their site, weight and first infusion day. */
export interface EnrolledSubject {
  trialId: string;
  subjectId: string;
  siteId: string;
  bodyWeightKg: number;
  firstInfusionDate: CalendarDate;
}

/**
 * Plans a subject's visits (infusions with their dose, follow-up visits with their notices) from a
 * treatment plan: at enrollment, and again from a new protocol version once the subject has
 * re-consented to it. Every plan is kept, numbered, with the visits as it left them.
 */
@Injectable()
export class VisitPlans {
  private readonly logger = new Logger(VisitPlans.name);

  constructor(
    private readonly notices: FollowUpNotices,
    private readonly missed: MissedInfusionTimers,
  ) {}

  async planEnrolled(tx: EntityManager, subject: EnrolledSubject, plan: TrialTreatmentPlan): Promise<void> {
    const visits = scheduleVisits(plan, subject.firstInfusionDate, subject.bodyWeightKg);
    await tx.getRepository(SubjectVisit).insert(visits.map((visit) => visitRow(subject, plan.protocolVersion, visit)));
    const treated = { trialId: subject.trialId, subjectId: subject.subjectId, siteId: subject.siteId, protocolVersion: plan.protocolVersion };
    await this.missed.watch(tx, treated, visits.filter((visit) => visit.kind === 'INFUSION'));
    const followed = followedSubject(subject, plan);
    for (const visit of visits.filter((v) => v.kind === 'FOLLOW_UP')) await this.notices.schedule(tx, followed, visit);
    await this.keep(tx, subject, plan, 'ENROLLED', null);
  }

  /** Re-plans the visits not yet done from the version re-consented to (or a newer one), once it is here. */
  async replan(tx: EntityManager, trialId: string, subjectId: string, reconsentedTo: number, reconsentDate: CalendarDate): Promise<void> {
    const withdrawn = await tx.getRepository(SubjectWithdrawal).existsBy({ trialId, subjectId });
    const current = await currentVisitPlan(tx, trialId, subjectId);
    const trialPlan = await tx.getRepository(TrialTreatmentPlan).findOneBy({ trialId });
    const planning = planReconsent(reconsentedTo, withdrawn, current, trialPlan);
    switch (planning.kind) {
      case 'SUBJECT_WITHDRAWN':
      case 'ALREADY_PLANNED':
        this.logger.log({ message: 'a re-consent with nothing to re-plan', trialId, subjectId, reconsentedTo, reason: planning.kind });
        return;
      case 'AWAIT_VISITS':
        throw new PrerequisiteMissingError('subjectId', 'visitsPlanned', `subject ${subjectId} of trial ${trialId} has no visits planned here yet`);
      case 'AWAIT_TREATMENT_PLAN':
        throw new PrerequisiteMissingError('protocolVersion', 'treatmentPlanArrived', `treatment plan version ${reconsentedTo} of trial ${trialId} has not arrived yet`);
    }
    const { plan } = planning;
    const { siteId, bodyWeightKg, firstInfusionDate } = planning.current;
    const subject: EnrolledSubject = { trialId, subjectId, siteId, bodyWeightKg, firstInfusionDate };
    const held = await tx.getRepository(SubjectVisit).find({ where: { trialId, subjectId }, lock: { mode: 'pessimistic_write' } });
    const recorded = new Set((await tx.getRepository(FollowUpVisit).findBy({ trialId, subjectId })).map((v) => v.visitNumber));
    const replanning = replanVisits(
      held.map((visit) => ({ ...visit, recorded: visit.status === 'ADMINISTERED' || (visit.kind === 'FOLLOW_UP' && recorded.has(visit.number)) })),
      scheduleVisits(plan, subject.firstInfusionDate, subject.bodyWeightKg),
      reconsentDate,
    );

    const visits = tx.getRepository(SubjectVisit);
    await visits.upsert(replanning.planned.map((visit) => visitRow(subject, plan.protocolVersion, visit)), ['trialId', 'subjectId', 'kind', 'number']);
    for (const kind of ['INFUSION', 'FOLLOW_UP'] as const) {
      const numbers = replanning.dropped.filter((v) => v.kind === kind).map((v) => v.number);
      if (numbers.length > 0) await visits.update({ trialId, subjectId, kind, number: In(numbers) }, { status: 'CANCELLED' });
    }
    const followed = followedSubject(subject, plan);
    const followUps = (list: PlannedVisit[]) => list.filter((v) => v.kind === 'FOLLOW_UP');
    for (const visit of followUps(replanning.added)) await this.notices.schedule(tx, followed, visit);
    for (const visit of followUps(replanning.moved)) await this.notices.move(tx, followed, visit);
    for (const visit of followUps(replanning.dropped)) await this.notices.cancel(tx, trialId, subjectId, visit.number);
    // Infusions still to come watch their new windows; those the new version dropped miss nothing.
    const infusions = (list: PlannedVisit[]) => list.filter((v) => v.kind === 'INFUSION');
    await this.missed.watch(tx, { trialId, subjectId, siteId, protocolVersion: plan.protocolVersion }, infusions(replanning.planned));
    for (const visit of infusions(replanning.dropped)) await this.missed.stop(tx, trialId, subjectId, visit.number);
    await this.keep(tx, subject, plan, 'RECONSENTED', reconsentDate);
  }

  private async keep(tx: EntityManager, subject: EnrolledSubject, plan: TrialTreatmentPlan, reason: PlanReason, reconsentDate: CalendarDate | null) {
    const { trialId, subjectId } = subject;
    const previous = await currentVisitPlan(tx, trialId, subjectId);
    const visits = await tx.getRepository(SubjectVisit).find({ where: { trialId, subjectId }, order: { plannedDate: 'ASC', kind: 'DESC' } });
    await tx.getRepository(SubjectVisitPlan).insert({
      ...subject,
      planNumber: (previous?.planNumber ?? 0) + 1,
      protocolVersion: plan.protocolVersion,
      reason,
      reconsentDate,
      assessments: plan.assessments,
      visits: visits.map(({ trialId: _trial, subjectId: _subject, ...visit }) => visit),
    });
  }
}

function visitRow(subject: EnrolledSubject, protocolVersion: number, visit: PlannedVisit): SubjectVisit {
  return {
    trialId: subject.trialId,
    subjectId: subject.subjectId,
    kind: visit.kind,
    number: visit.number,
    protocolVersion,
    siteId: subject.siteId,
    plannedDate: visit.plannedDate,
    windowOpens: visit.windowOpens,
    windowCloses: visit.windowCloses,
    doseCells: visit.dose ? String(visit.dose.cells) : null,
    doseMinCells: visit.dose ? String(visit.dose.minCells) : null,
    doseMaxCells: visit.dose ? String(visit.dose.maxCells) : null,
    status: 'PLANNED',
  };
}

function followedSubject(subject: EnrolledSubject, plan: TrialTreatmentPlan): FollowedSubject {
  return { trialId: subject.trialId, subjectId: subject.subjectId, siteId: subject.siteId, timeZone: timeZoneOfSite(plan.sites, subject.siteId) };
}
