import { Injectable } from '@nestjs/common';
import { calendarDateIn, FollowUpVisitRecorded, PrerequisiteMissingError, type FollowUpVisitReport } from '@trialstream/contracts';
import { Clock, Outbox } from '@trialstream/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { SubjectVisit } from '../persistence/subject-visit.entity';
import { siteOfSubject } from '../visit-plans/persistence/subject-site';
import { withinWindow } from './domain/follow-up-notices';
import { assertCanRecordFollowUpVisit } from './domain/recording';
import { FollowUpNotices } from './follow-up-notices.service';
import { FollowUpVisit } from './persistence/follow-up-visit.entity';

/** Records follow-up visits, from sites over HTTP or their systems on the ingress topic; a recorded visit is never overdue. */
@Injectable()
export class FollowUpVisits {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly notices: FollowUpNotices,
    private readonly clock: Clock,
  ) {}

  recordNow(trialId: string, subjectId: string, report: FollowUpVisitReport): Promise<FollowUpVisit> {
    return this.dataSource.transaction((tx) => this.record(tx, trialId, subjectId, report));
  }

  async record(tx: EntityManager, trialId: string, subjectId: string, report: FollowUpVisitReport): Promise<FollowUpVisit> {
    const { visitNumber, visitDate } = report;
    const site = await siteOfSubject(tx, trialId, subjectId);
    // The visit may come from the site's system before the enrollment that plans it: wait for it.
    if (!site) throw new PrerequisiteMissingError('subjectId', 'visitsPlanned', `subject ${subjectId} of trial ${trialId} has no visits planned here yet`);
    // Locked so that two reports of one visit are judged one after the other.
    const visit = await tx.getRepository(SubjectVisit).findOne({ where: { trialId, subjectId, kind: 'FOLLOW_UP', number: visitNumber }, lock: { mode: 'pessimistic_write' } });
    const recorded = await tx.getRepository(FollowUpVisit).existsBy({ trialId, subjectId, visitNumber });
    assertCanRecordFollowUpVisit(visit, visitNumber, recorded, visitDate, calendarDateIn(this.clock.now(), site.timeZone));

    const within = withinWindow(visit, visitDate);
    const saved = await tx.getRepository(FollowUpVisit).save({ trialId, subjectId, visitNumber, visitDate, withinWindow: within });
    await this.notices.cancel(tx, trialId, subjectId, visitNumber);
    await this.outbox.enqueue(tx, FollowUpVisitRecorded, {
      trialId,
      subjectId,
      payload: {
        subjectId, siteId: site.siteId, visitNumber, plannedDate: visit.plannedDate, windowOpens: visit.windowOpens, windowCloses: visit.windowCloses,
        visitDate, withinWindow: within,
      },
    });
    return saved;
  }
}
