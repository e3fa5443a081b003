import { Injectable, NotFoundException } from '@nestjs/common';
import {
  calendarDateIn, RuleViolationError, timeZoneOfSite, type InfusionAdministration, type InfusionAdministrationSubmittedPayload,
} from '@trialstream/contracts';
import { Clock, Outbox } from '@trialstream/platform';
import { DataSource, Not, type EntityManager } from 'typeorm';
import { SubjectVisit } from '../persistence/subject-visit.entity';
import { publishRecordedInfusion } from './administration-events';
import { reportedVisit, reviewAdministration } from './domain/administration-review';
import { administrationProblems } from './domain/input-checks';
import { MissedInfusionTimers } from './missed-infusion-timers';
import { givenInfusions, lockInfusionVisits, standingOf, treatmentPlanVersion } from './persistence/subject-record';
import { saveRecordedInfusion, type RecordedInfusion } from './recorded-infusion';
import { TreatmentCompletion } from './treatment-completion';

/**
 * Records an infusion a site reports, judged against the subject's plan and the protocol version
 * they are on: every deviation is recorded and published beside it; only a report that cannot be
 * true is refused. Reports over HTTP and on the ingress topic take the same path.
 */
@Injectable()
export class InfusionAdministrations {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly missed: MissedInfusionTimers,
    private readonly treatment: TreatmentCompletion,
  ) {}

  /** One report over HTTP, in its own transaction; a subject with no plan here is 404. */
  submit(trialId: string, subjectId: string, report: InfusionAdministration): Promise<RecordedInfusion> {
    return this.dataSource.transaction((tx) =>
      this.record(tx, trialId, { ...report, subjectId }, () => new NotFoundException(`subject ${subjectId} of trial ${trialId} was not found`)),
    );
  }

  /** `unknownSubject` is the error for a report of a subject with no planned infusions here (404 over HTTP; on Kafka, parked until the enrollment arrives). */
  async record(tx: EntityManager, trialId: string, report: InfusionAdministrationSubmittedPayload, unknownSubject: () => Error): Promise<RecordedInfusion> {
    const problems = administrationProblems(report);
    if (problems.length > 0) throw new RuleViolationError(problems);
    const { subjectId, infusionNumber } = report;
    const visits = await lockInfusionVisits(tx, trialId, subjectId);
    if (visits.length === 0) throw unknownSubject();
    // Judged under the version its visit is planned under: a re-plan moves the visits not yet done to a newer one.
    const { protocolVersion, siteId } = reportedVisit(visits, infusionNumber);
    const plan = await treatmentPlanVersion(tx, trialId, protocolVersion);
    const timeZone = timeZoneOfSite(plan.sites, siteId);
    const givenAt = new Date(report.administeredAt);
    const administeredOn = calendarDateIn(givenAt, timeZone);
    const today = calendarDateIn(this.clock.now(), timeZone);
    const review = reviewAdministration({
      infusionNumber, bodyWeightKg: report.bodyWeightKg, cellsGiven: report.cellsGiven, givenAt, givenOn: administeredOn, today,
      dosing: plan.dosing, plan: visits, given: await givenInfusions(tx, trialId, subjectId), standing: await standingOf(tx, trialId, subjectId),
    });

    const recorded = await saveRecordedInfusion(tx, report, { trialId, siteId, protocolVersion, administeredOn, recordedAt: this.clock.now(), review });
    const visitsOfSubject = tx.getRepository(SubjectVisit);
    // A visit no longer in the plan stays CANCELLED: the infusion is recorded, with its deviation, and the plan keeps its end.
    await visitsOfSubject.update({ trialId, subjectId, kind: 'INFUSION', number: infusionNumber, status: Not('CANCELLED') }, { status: 'ADMINISTERED' });
    await this.missed.stop(tx, trialId, subjectId, infusionNumber);
    for (const { number, ...window } of review.rescheduled) await visitsOfSubject.update({ trialId, subjectId, kind: 'INFUSION', number }, window);
    await this.missed.watch(tx, { trialId, subjectId, siteId, protocolVersion }, review.rescheduled);
    await publishRecordedInfusion(this.outbox, tx, report, recorded, today);
    // Once only: not again for a last infusion given after its missed window had ended the treatment.
    if (review.completion) {
      await this.treatment.complete(tx, { trialId, subjectId, protocolVersion }, { lastInfusionDate: administeredOn, infusionsGiven: review.completion.infusionsGiven }, 'LAST_INFUSION_GIVEN');
    }
    return recorded;
  }
}
