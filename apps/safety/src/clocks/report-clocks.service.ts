import { Injectable, Logger } from '@nestjs/common';
import {
  ExpeditedReportDue, ExpeditedReportOverdue, ExpeditedReportSubmitted, ExpeditedReportWithdrawn, type ExpeditedReportOverduePayload,
} from '@trialstream/contracts';
import { Clock, DurableTimers, foundOr404, Outbox } from '@trialstream/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { SafetyAlerts } from '../alerts/safety-alerts.service';
import { assertCanRecordSubmission, clockChanges, overdueAt, type RequiredReport } from '../domain/expedited-reports';
import { AdverseEventCase } from '../persistence/adverse-event-case.entity';
import { ReportClock } from '../persistence/report-clock.entity';
import { ReportSubmission } from '../persistence/report-submission.entity';
import type { SubmissionRequest } from './requests';

export interface ClockCase {
  trialId: string;
  caseId: string;
  subjectId: string;
  version: number;
  /** The subject's site's: the due day ends there. */
  timeZone: string;
}

const timerKey = (clock: Pick<ReportClock, 'trialId' | 'caseId' | 'report'>) => `expedited-report/${clock.trialId}/${clock.caseId}/${clock.report}`;

/**
 * Expedited-report clocks: started, moved or withdrawn as each case version is classified, stopped
 * by a recorded submission. A durable timer publishes ExpeditedReportOverdue at the end of the due
 * day; this service takes that event back to mark the clock and alert the monitors.
 */
@Injectable()
export class ReportClocks {
  private readonly logger = new Logger(ReportClocks.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly timers: DurableTimers,
    private readonly clock: Clock,
    private readonly alerts: SafetyAlerts,
  ) {}

  async follow(tx: EntityManager, ofCase: ClockCase, required: readonly RequiredReport[]): Promise<void> {
    // Locked: a submission recorded meanwhile is seen, never overwritten.
    const clocks = await tx.getRepository(ReportClock).find({ where: { trialId: ofCase.trialId, caseId: ofCase.caseId }, lock: { mode: 'pessimistic_write' } });
    for (const change of clockChanges(clocks, required)) {
      if (change.change === 'WITHDRAW') await this.withdraw(tx, ofCase, change.clock, change.reason);
      else await this.start(tx, ofCase, change.required);
    }
  }

  recordSubmission(trialId: string, caseId: string, request: SubmissionRequest & { submittedBy: string }): Promise<ReportSubmission> {
    return this.dataSource.transaction(async (tx) => {
      foundOr404(await tx.getRepository(AdverseEventCase).findOneBy({ trialId, caseId }), `case ${caseId} of trial ${trialId}`);
      const clocks = tx.getRepository(ReportClock);
      const clock = await clocks.findOne({ where: { trialId, caseId, report: request.report }, lock: { mode: 'pessimistic_write' } });
      const submittedAt = new Date(request.submittedAt);
      assertCanRecordSubmission(clock, request.report, caseId, submittedAt, this.clock.now());
      const running = clock.status === 'OPEN' || clock.status === 'OVERDUE';
      if (running) {
        await clocks.update({ trialId, caseId, report: request.report }, { status: 'SUBMITTED', updatedAt: this.clock.now() });
        await this.timers.cancel(tx, timerKey(clock));
      }
      const submission = await tx.getRepository(ReportSubmission).save({ trialId, caseId, ...request, submittedAt, recordedAt: this.clock.now() });
      await this.outbox.enqueue(tx, ExpeditedReportSubmitted, {
        trialId,
        subjectId: clock.subjectId,
        payload: { caseId, subjectId: clock.subjectId, dueDate: clock.dueDate, ...request },
      });
      return submission;
    });
  }

  /** The timer's event: alerts once, unless a submission was recorded or the clock moved meanwhile. */
  async markOverdue(tx: EntityManager, trialId: string, overdue: ExpeditedReportOverduePayload): Promise<void> {
    const clocks = tx.getRepository(ReportClock);
    const clock = await clocks.findOne({ where: { trialId, caseId: overdue.caseId, report: overdue.report }, lock: { mode: 'pessimistic_write' } });
    if (!clock || clock.status !== 'OPEN' || clock.dueDate !== overdue.dueDate) {
      this.logger.log({ message: 'report no longer due as the timer said; no alert', trialId, caseId: overdue.caseId, report: overdue.report, status: clock?.status });
      return;
    }
    await clocks.update({ trialId, caseId: clock.caseId, report: clock.report }, { status: 'OVERDUE', updatedAt: this.clock.now() });
    await this.alerts.raiseOverdue(tx, { trialId, caseId: clock.caseId, subjectId: clock.subjectId, version: clock.caseVersion }, clock);
  }

  private async start(tx: EntityManager, ofCase: ClockCase, required: RequiredReport): Promise<void> {
    const { trialId, caseId, subjectId, version } = ofCase;
    const due = overdueAt(required.dueDate, ofCase.timeZone);
    const clock = await tx.getRepository(ReportClock).save({
      trialId, caseId, subjectId, ...required, overdueAt: due, status: 'OPEN' as const, caseVersion: version, updatedAt: this.clock.now(),
    });
    const at = { caseId, subjectId, report: required.report, dueDate: required.dueDate };
    await this.timers.schedule(tx, {
      key: timerKey(clock),
      dueAt: due,
      contract: ExpeditedReportOverdue,
      event: { trialId, subjectId, payload: { ...at, overdueAt: due.toISOString() } },
    });
    await this.outbox.enqueue(tx, ExpeditedReportDue, {
      trialId,
      subjectId,
      payload: { ...at, caseVersion: version, basis: required.basis, dayZero: required.dayZero, overdueAt: due.toISOString() },
    });
  }

  private async withdraw(tx: EntityManager, ofCase: ClockCase, clock: ReportClock, reason: string): Promise<void> {
    await tx.getRepository(ReportClock).update({ trialId: clock.trialId, caseId: clock.caseId, report: clock.report }, { status: 'WITHDRAWN', caseVersion: ofCase.version, updatedAt: this.clock.now() });
    await this.timers.cancel(tx, timerKey(clock));
    await this.outbox.enqueue(tx, ExpeditedReportWithdrawn, {
      trialId: clock.trialId,
      subjectId: clock.subjectId,
      payload: { caseId: clock.caseId, subjectId: clock.subjectId, report: clock.report, dueDate: clock.dueDate, caseVersion: ofCase.version, reason },
    });
  }
}

