import { Injectable } from '@nestjs/common';
import { FollowUpDue, FollowUpOverdue, type FollowUpWindow } from '@trialstream/contracts';
import { DurableTimers, type TimerRequest } from '@trialstream/platform';
import type { EntityManager } from 'typeorm';
import { FOLLOW_UP_NOTICES, noticeDueAt, noticeKey, type FollowUpNotice, type FollowUpVisitWindow } from './domain/follow-up-notices';

/** A subject as their follow-up notices name them, with the time zone of their site's calendar. */
export interface FollowedSubject {
  trialId: string;
  subjectId: string;
  siteId: string;
  timeZone: string;
}

const CONTRACTS = { due: FollowUpDue, overdue: FollowUpOverdue } as const;

/**
 * A follow-up visit's two notices as durable timers: FollowUpDue when its window opens, and
 * FollowUpOverdue when it closes. Each fires once, across instances and restarts, also when the
 * service was down at the time; set, moved and cancelled in the caller's transaction.
 */
@Injectable()
export class FollowUpNotices {
  constructor(private readonly timers: DurableTimers) {}

  async schedule(tx: EntityManager, subject: FollowedSubject, visit: FollowUpVisitWindow): Promise<void> {
    for (const notice of FOLLOW_UP_NOTICES) await this.timers.schedule(tx, this.timer(notice, subject, visit));
  }

  /** To the visit's new window; a notice that went out already stays sent, so each goes out once per visit. */
  async move(tx: EntityManager, subject: FollowedSubject, visit: FollowUpVisitWindow): Promise<void> {
    for (const notice of FOLLOW_UP_NOTICES) {
      if (await this.timers.cancel(tx, noticeKey(notice, subject.trialId, subject.subjectId, visit.number))) {
        await this.timers.schedule(tx, this.timer(notice, subject, visit));
      }
    }
  }

  async cancel(tx: EntityManager, trialId: string, subjectId: string, visitNumber: number): Promise<void> {
    for (const notice of FOLLOW_UP_NOTICES) await this.timers.cancel(tx, noticeKey(notice, trialId, subjectId, visitNumber));
  }

  private timer(notice: FollowUpNotice, subject: FollowedSubject, visit: FollowUpVisitWindow): TimerRequest<FollowUpWindow> {
    const { trialId, subjectId, siteId, timeZone } = subject;
    return {
      key: noticeKey(notice, trialId, subjectId, visit.number),
      dueAt: noticeDueAt(notice, visit, timeZone),
      contract: CONTRACTS[notice],
      event: {
        trialId,
        subjectId,
        payload: { subjectId, siteId, visitNumber: visit.number, plannedDate: visit.plannedDate, windowOpens: visit.windowOpens, windowCloses: visit.windowCloses },
      },
    };
  }
}
