import { RuleViolationError, type AlertSeverity, type CalendarDate, type ExpeditedReportKind, type SafetyAlertKind, type StoppingRule } from '@trialstream/contracts';
import type { Classification } from './classification';
import type { HoldDecision } from './dosing-holds';
import type { RequiredReport } from './expedited-reports';

/** One case version, as alerts describe it. */
export interface CaseView {
  trialId: string;
  caseId: string;
  version: number;
  subjectId: string;
  term: string;
  grade: number;
  classification: Classification;
}

export interface TriggeredRule {
  rule: StoppingRule;
  decision: HoldDecision;
  /** The hold placed for it, or the one already in place. */
  holdId?: string;
}

/**
 * An alert to raise. `facts` name what it tells (a seriousness criterion, a grade, a deadline, a
 * rule); a case never raises an alert whose facts were all told before, so a follow-up that adds
 * nothing new raises nothing.
 */
export interface NewAlert {
  kind: SafetyAlertKind;
  severity: AlertSeverity;
  facts: string[];
  ruleId?: string;
  holdId?: string;
  dueDate?: CalendarDate;
  summary: string;
  nextStep: string;
}

const CTCAE = ['', 'mild', 'moderate', 'severe', 'life-threatening', 'fatal'];
const words = (value: string) => value.toLowerCase().replace(/_/g, ' ');

/** What a new case version tells a safety monitor that no alert of the case told before. */
export function caseAlerts(view: CaseView, reports: readonly RequiredReport[], triggered: readonly TriggeredRule[], told: ReadonlySet<string>): NewAlert[] {
  const alerts = [seriousAlert(view, told), susarAlert(view, reports, told), severeAlert(view, told), ...triggered.map((t) => ruleAlert(view, t, told))];
  return alerts.filter((alert): alert is NewAlert => alert !== undefined);
}

function seriousAlert(view: CaseView, told: ReadonlySet<string>): NewAlert | undefined {
  const { seriousnessCriteria, fatalOrLifeThreatening } = view.classification;
  const facts = seriousnessCriteria.map((c) => `serious:${c}`).filter((fact) => !told.has(fact));
  if (facts.length === 0) return undefined;
  return {
    kind: 'SERIOUS_EVENT',
    severity: fatalOrLifeThreatening ? 'CRITICAL' : 'HIGH',
    facts,
    summary: `Serious adverse event of subject ${view.subjectId}: ${view.term}, grade ${view.grade} (${seriousnessCriteria.map(words).join(', ')}); case ${view.caseId} version ${view.version}.`,
    nextStep: `Review the case and confirm the investigator's causality and the expectedness against the reference safety information: a serious, unexpected, related event is a SUSAR with a reporting deadline.`,
  };
}

function susarAlert(view: CaseView, reports: readonly RequiredReport[], told: ReadonlySet<string>): NewAlert | undefined {
  const initial = reports.find((r) => r.report === 'INITIAL');
  const completion = reports.find((r) => r.report === 'COMPLETION');
  if (!initial) return undefined;
  const fact = `susar:${initial.basis}:${initial.dueDate}`;
  if (told.has(fact)) return undefined;
  const fatal = initial.basis === 'FATAL_OR_LIFE_THREATENING';
  return {
    kind: 'SUSAR',
    severity: fatal ? 'CRITICAL' : 'HIGH',
    facts: [fact],
    dueDate: initial.dueDate,
    summary: `SUSAR${fatal ? ' (fatal or life-threatening)' : ''}: ${view.term} of subject ${view.subjectId} is serious, unexpected and suspected related to the product; case ${view.caseId} version ${view.version}.`,
    nextStep:
      `Submit the expedited report to the regulators and ethics committees by ${initial.dueDate} (day 0: ${initial.dayZero}) and record it ` +
      `(POST /trials/${view.trialId}/cases/${view.caseId}/report-submissions)${completion ? `; the completed report is due by ${completion.dueDate}` : ''}.`,
  };
}

function severeAlert(view: CaseView, told: ReadonlySet<string>): NewAlert | undefined {
  const highestTold = Math.max(0, ...[...told].filter((f) => f.startsWith('grade:')).map((f) => Number(f.slice('grade:'.length))));
  if (!view.classification.severe || view.grade <= highestTold) return undefined;
  return {
    kind: 'SEVERE_EVENT',
    severity: view.grade >= 4 ? 'HIGH' : 'MEDIUM',
    facts: [`grade:${view.grade}`],
    summary: `Grade ${view.grade} (${CTCAE[view.grade]}) adverse event of subject ${view.subjectId}: ${view.term}; case ${view.caseId} version ${view.version}.`,
    nextStep: `Review the case with the investigator before the subject's next infusion; the protocol's stopping rules have been applied to it.`,
  };
}

function ruleAlert(view: CaseView, { rule, decision, holdId }: TriggeredRule, told: ReadonlySet<string>): NewAlert | undefined {
  const fact = `rule:${rule.id}`;
  if (told.has(fact)) return undefined;
  return {
    kind: 'STOPPING_RULE_TRIGGERED',
    severity: rule.scope === 'TRIAL' ? 'CRITICAL' : 'HIGH',
    facts: [fact],
    ruleId: rule.id,
    ...(holdId ? { holdId } : {}),
    summary: `Stopping rule ${rule.id} triggered by case ${view.caseId} version ${view.version} (subject ${view.subjectId}): ${rule.description}.`,
    nextStep: holdNextStep(view, rule, decision, holdId),
  };
}

function holdNextStep(view: CaseView, rule: StoppingRule, decision: HoldDecision, holdId: string | undefined): string {
  const lift = `Only a person lifts it, saying who and why (POST /trials/${view.trialId}/dosing-holds/${holdId}/lift)`;
  if (decision.action === 'NOT_NEEDED') return `No dosing hold placed: ${decision.why}.`;
  if (decision.action === 'ALREADY_HELD') return `Dosing is already on hold (hold ${holdId}); weigh this case before anyone lifts it.`;
  if (rule.scope === 'SUBJECT') return `Dosing of subject ${view.subjectId} is on hold (hold ${holdId}): no further infusions until the hold is lifted. ${lift}.`;
  return (
    `Dosing is on hold trial-wide (hold ${holdId}) and the registry suspends the trial, which stops enrollment; convene the data safety monitoring board. ` +
    `${lift}; resuming the trial is a status change in the registry, also a person's recorded decision.`
  );
}

/** The alert for an expedited report nobody recorded in time; none if it was told already. */
export function overdueAlert(
  view: Pick<CaseView, 'trialId' | 'caseId' | 'version' | 'subjectId'>,
  clock: { report: ExpeditedReportKind; dueDate: CalendarDate },
  told: ReadonlySet<string>,
): NewAlert | undefined {
  const fact = `overdue:${clock.report}:${clock.dueDate}`;
  if (told.has(fact)) return undefined;
  const which = clock.report === 'INITIAL' ? 'expedited report' : 'completed report';
  return {
    kind: 'REPORT_OVERDUE',
    severity: 'CRITICAL',
    facts: [fact],
    dueDate: clock.dueDate,
    summary: `The ${which} of SUSAR case ${view.caseId} (subject ${view.subjectId}) was due by ${clock.dueDate}; no submission is recorded.`,
    nextStep: `Submit it now and record the submission (POST /trials/${view.trialId}/cases/${view.caseId}/report-submissions); the delay stays on the case's record.`,
  };
}

/** An alert is acknowledged once, by someone: the record says who saw it first. */
export function assertCanAcknowledge(alert: { alertId: string; acknowledgedBy: string | null }): void {
  if (alert.acknowledgedBy) throw RuleViolationError.of('alertId', 'notYetAcknowledged', `alert ${alert.alertId} was acknowledged already, by ${alert.acknowledgedBy}`, 'conflict');
}
