import { isDeepStrictEqual } from 'node:util';
import { Injectable } from '@nestjs/common';
import { calendarDateIn, PrerequisiteMissingError, RuleViolationError, type AdverseEventReport } from '@trialstream/contracts';
import { Clock } from '@trialstream/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { SafetyAlerts } from '../alerts/safety-alerts.service';
import { ReportClocks } from '../clocks/report-clocks.service';
import { classify } from '../domain/classification';
import { requiredReports } from '../domain/expedited-reports';
import { reportProblems } from '../domain/report-checks';
import { siteTimeZone } from '../domain/safety-policy';
import { triggeredRules, type CaseFacts } from '../domain/stopping-rules';
import { DosingHolds } from '../holds/dosing-holds.service';
import { AdverseEventCase } from '../persistence/adverse-event-case.entity';
import { CaseVersion, type ReceivedVia } from '../persistence/case-version.entity';
import { KnownSubject } from '../persistence/known-subject.entity';
import { TrialSafetyPolicy } from '../persistence/trial-safety-policy.entity';
import { safetyPolicyOr404 } from '../trials/safety-policy-or-404';

const factsOf = (c: AdverseEventCase): CaseFacts => ({
  caseId: c.caseId,
  subjectId: c.subjectId,
  grade: c.ctcaeGrade,
  eventCategory: c.eventCategory,
  serious: c.serious,
  suspectedRelated: c.suspectedRelated,
});

/** As stored: what arrived, without class instances or absent optional fields, so a redelivery compares equal. */
const asStored = (report: AdverseEventReport): AdverseEventReport => JSON.parse(JSON.stringify(report));

/**
 * Takes adverse-event reports into cases. Each new version is classified, and what follows from
 * it (clocks, stopping rules and holds, alerts) commits with it. Intake locks the trial's safety
 * policy row, so cases of one trial are judged one at a time and a count rule never misses a case
 * recorded concurrently.
 */
@Injectable()
export class CaseIntake {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly clocks: ReportClocks,
    private readonly holds: DosingHolds,
    private readonly alerts: SafetyAlerts,
  ) {}

  /** A report over HTTP, in its own transaction: 404 for a trial unknown here; answers the case's id. */
  report(trialId: string, report: AdverseEventReport): Promise<string> {
    return this.dataSource.transaction(async (tx) => {
      await safetyPolicyOr404(tx, trialId);
      return this.record(tx, trialId, report, 'HTTP');
    });
  }

  /** Records the report as the case's next version, unless that very report was recorded before; returns the case id. */
  async record(tx: EntityManager, trialId: string, report: AdverseEventReport, receivedVia: ReceivedVia): Promise<string> {
    const policy = await tx.getRepository(TrialSafetyPolicy).findOne({ where: { trialId }, lock: { mode: 'pessimistic_write' } });
    if (!policy) throw new PrerequisiteMissingError('trialId', 'hasProtocol', `trial ${trialId} has no safety policy here yet`);
    const subject = await tx.getRepository(KnownSubject).findOneBy({ trialId, subjectId: report.subjectId });
    if (!subject) throw new PrerequisiteMissingError('subjectId', 'enrolledSubject', `subject ${report.subjectId} is not known here as enrolled in trial ${trialId}`);
    const timeZone = siteTimeZone(policy, subject.siteId);
    const problems = reportProblems(report, calendarDateIn(this.clock.now(), timeZone));
    if (problems.length > 0) throw new RuleViolationError(problems);

    const cases = tx.getRepository(AdverseEventCase);
    const previous = await cases.findOneBy({ trialId, caseId: report.caseId });
    if (previous && previous.subjectId !== report.subjectId) {
      throw RuleViolationError.of('subjectId', 'subjectOfCase', `case ${report.caseId} is of another subject, not ${report.subjectId}`, 'conflict');
    }
    const versions = await tx.getRepository(CaseVersion).find({ where: { trialId, caseId: report.caseId }, order: { version: 'ASC' } });
    const stored = asStored(report);
    const same = versions.find((v) => v.reportId === report.reportId);
    if (same && isDeepStrictEqual(same.report, stored)) return report.caseId;
    if (same) {
      throw RuleViolationError.of('reportId', 'oneContentPerReport', `report ${report.reportId} of case ${report.caseId} was recorded with other content; a follow-up needs its own reportId`, 'conflict');
    }

    const now = this.clock.now();
    const classification = classify(report);
    const version = versions.length + 1;
    const current = await cases.save({
      trialId, caseId: report.caseId, subjectId: report.subjectId, siteId: subject.siteId, currentVersion: version,
      term: report.term, ctcaeGrade: report.ctcaeGrade, eventCategory: report.eventCategory ?? null, serious: classification.serious,
      suspectedRelated: classification.suspectedRelated, fatalOrLifeThreatening: classification.fatalOrLifeThreatening, susar: classification.susar,
      openedAt: previous?.openedAt ?? now, updatedAt: now,
    });
    const added = await tx.getRepository(CaseVersion).save({ trialId, caseId: report.caseId, version, reportId: report.reportId, receivedVia, report: stored, classification, recordedAt: now });

    const ofCase = { trialId, caseId: report.caseId, subjectId: report.subjectId, version };
    const reports = requiredReports([...versions, added].map((v) => ({ version: v.version, awareDate: v.report.awareDate, classification: v.classification })), policy.expeditedReporting);
    await this.clocks.follow(tx, { ...ofCase, timeZone }, reports);

    const rules = [...policy.subjectStoppingRules, ...policy.trialStoppingRules];
    const others = await cases.findBy({ trialId });
    const triggered = triggeredRules(rules, factsOf(current), previous ? factsOf(previous) : undefined, others.map(factsOf));
    const applied = await this.holds.applyRules(tx, trialId, triggered, subject, report.caseId);

    await this.alerts.raiseForCase(tx, { ...ofCase, term: report.term, grade: report.ctcaeGrade, classification }, reports, applied);
    return report.caseId;
  }
}
