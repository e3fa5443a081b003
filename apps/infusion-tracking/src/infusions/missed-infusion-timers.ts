import { Injectable } from '@nestjs/common';
import { InfusionMissed, timeZoneOfSite } from '@trialstream/contracts';
import { DurableTimers } from '@trialstream/platform';
import type { EntityManager } from 'typeorm';
import { SubjectVisit } from '../persistence/subject-visit.entity';
import type { InfusionWindow } from './domain/deviation';
import { windowClosedAt } from './domain/site-calendar';
import { treatmentPlanVersion } from './persistence/subject-record';

export interface TreatedSubject {
  trialId: string;
  subjectId: string;
  siteId: string;
  protocolVersion: number;
}

const timerKey = (trialId: string, subjectId: string, infusionNumber: number) => `infusion-missed/${trialId}/${subjectId}/${infusionNumber}`;

/**
 * One durable timer per planned infusion, due when its window closes at the site: it publishes
 * InfusionMissed unless the infusion is recorded (or the subject withdraws) first.
 */
@Injectable()
export class MissedInfusionTimers {
  constructor(private readonly timers: DurableTimers) {}

  /** Sets the timers of these infusions, or moves them to their windows' new ends. */
  async watch(tx: EntityManager, subject: TreatedSubject, infusions: InfusionWindow[]): Promise<void> {
    if (infusions.length === 0) return;
    const { trialId, subjectId, siteId, protocolVersion } = subject;
    const timeZone = timeZoneOfSite((await treatmentPlanVersion(tx, trialId, protocolVersion)).sites, siteId);
    for (const { number, plannedDate, windowOpens, windowCloses } of infusions) {
      await this.timers.schedule(tx, {
        key: timerKey(trialId, subjectId, number),
        dueAt: windowClosedAt(windowCloses, timeZone),
        contract: InfusionMissed,
        event: { trialId, subjectId, payload: { subjectId, protocolVersion, infusionNumber: number, plannedDate, windowOpens, windowCloses } },
      });
    }
  }

  async stop(tx: EntityManager, trialId: string, subjectId: string, infusionNumber: number): Promise<void> {
    await this.timers.cancel(tx, timerKey(trialId, subjectId, infusionNumber));
  }

  /** A withdrawn subject misses no infusion. */
  async stopAll(tx: EntityManager, trialId: string, subjectId: string): Promise<void> {
    const infusions = await tx.getRepository(SubjectVisit).find({ select: { number: true }, where: { trialId, subjectId, kind: 'INFUSION' } });
    for (const { number } of infusions) await this.stop(tx, trialId, subjectId, number);
  }
}
