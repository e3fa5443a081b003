import { Injectable } from '@nestjs/common';
import { SubjectEnrolled, type EventOf, type SubjectEnrolledPayload } from '@trialstream/contracts';
import type { EventHandler } from '@trialstream/platform';
import type { EntityManager } from 'typeorm';
import { scheduleVisits } from '../domain/subject-schedule';
import { SubjectVisit } from '../persistence/subject-visit.entity';
import { TrialTreatmentPlan } from '../persistence/trial-treatment-plan.entity';

/** Plans an enrolled subject's infusions and follow-up visits from the treatment plan in force. */
@Injectable()
export class SubjectEnrolledHandler implements EventHandler<SubjectEnrolledPayload> {
  readonly contract = SubjectEnrolled;

  async handle(event: EventOf<typeof SubjectEnrolled>, tx: EntityManager): Promise<void> {
    const { subjectId, protocolVersion, plannedFirstInfusionDate, bodyWeightKg } = event.payload;
    const plan = await tx.getRepository(TrialTreatmentPlan).findOneBy({ trialId: event.trialId });
    // The protocol arrives on another topic; until its version is here, retry (then dead-letter).
    if (!plan || plan.protocolVersion < protocolVersion) {
      throw new Error(`treatment plan version ${protocolVersion} of trial ${event.trialId} has not arrived yet`);
    }
    const visits = scheduleVisits(plan, plannedFirstInfusionDate, bodyWeightKg).map((visit) => ({
      trialId: event.trialId,
      subjectId,
      kind: visit.kind,
      number: visit.number,
      protocolVersion: plan.protocolVersion,
      plannedDate: visit.plannedDate,
      windowOpens: visit.windowOpens,
      windowCloses: visit.windowCloses,
      doseCells: visit.dose ? String(visit.dose.cells) : null,
      doseMinCells: visit.dose ? String(visit.dose.minCells) : null,
      doseMaxCells: visit.dose ? String(visit.dose.maxCells) : null,
      status: 'PLANNED' as const,
    }));
    await tx.getRepository(SubjectVisit).insert(visits);
  }
}
