import {
  addDays, compareCalendarDates, RuleViolationError, startOfDayIn, type CalendarDate, type ExpeditedReporting, type ExpeditedReportKind, type SusarBasis,
} from '@trialstream/contracts';
import type { Classification } from './classification';

/** One version of a case as the clocks read it: when the sponsor learned what it says, and what it is. */
export interface VersionFacts {
  version: number;
  awareDate: CalendarDate;
  classification: Pick<Classification, 'susar' | 'fatalOrLifeThreatening'>;
}

/** An expedited report the case's current version calls for. */
export interface RequiredReport {
  report: ExpeditedReportKind;
  basis: SusarBasis;
  dayZero: CalendarDate;
  dueDate: CalendarDate;
}

export type ClockStatus = 'OPEN' | 'OVERDUE' | 'SUBMITTED' | 'WITHDRAWN';

export interface ClockState {
  report: ExpeditedReportKind;
  basis: SusarBasis;
  dueDate: CalendarDate;
  status: ClockStatus;
}

export type ClockChange<C extends ClockState = ClockState> =
  | { change: 'START'; required: RequiredReport }
  | { change: 'MOVE'; required: RequiredReport; from: C }
  | { change: 'WITHDRAW'; clock: C; reason: string };

const basisOf = (facts: VersionFacts): SusarBasis | undefined =>
  !facts.classification.susar ? undefined : facts.classification.fatalOrLifeThreatening ? 'FATAL_OR_LIFE_THREATENING' : 'OTHER_SUSAR';

/**
 * The reports the latest version calls for, in calendar days from day 0: the day the sponsor first
 * knew the case was a SUSAR of its current basis without a break since (a follow-up that makes it
 * fatal starts the 7-day clock on the day that news came). A fatal or life-threatening SUSAR is
 * reported within fatalOrLifeThreateningDays and completed completionFollowUpDays later; any
 * other SUSAR within otherSusarDays. Versions are in order.
 */
export function requiredReports(versions: readonly VersionFacts[], reporting: ExpeditedReporting): RequiredReport[] {
  const latest = versions[versions.length - 1];
  const basis = latest && basisOf(latest);
  if (!basis) return [];
  let first = versions.length - 1;
  while (first > 0 && basisOf(versions[first - 1]) === basis) first--;
  const dayZero = versions[first].awareDate;
  if (basis === 'OTHER_SUSAR') return [{ report: 'INITIAL', basis, dayZero, dueDate: addDays(dayZero, reporting.otherSusarDays) }];
  const initialDue = addDays(dayZero, reporting.fatalOrLifeThreateningDays);
  return [
    { report: 'INITIAL', basis, dayZero, dueDate: initialDue },
    { report: 'COMPLETION', basis, dayZero, dueDate: addDays(initialDue, reporting.completionFollowUpDays) },
  ];
}

/**
 * What to do with a case's clocks after a new version. A clock that is running moves when its due
 * date or basis changes, and stops (withdrawn) when its report is no longer called for; a submitted
 * report stays submitted unless the case became fatal or life-threatening (that news is a new report).
 */
export function clockChanges<C extends ClockState>(clocks: readonly C[], required: readonly RequiredReport[]): ClockChange<C>[] {
  const changes: ClockChange<C>[] = [];
  for (const report of required) {
    const clock = clocks.find((c) => c.report === report.report);
    if (!clock || clock.status === 'WITHDRAWN') changes.push({ change: 'START', required: report });
    else if (clock.status === 'SUBMITTED' ? reopens(clock, report) : clock.basis !== report.basis || compareCalendarDates(clock.dueDate, report.dueDate) !== 0) {
      changes.push({ change: 'MOVE', required: report, from: clock });
    }
  }
  const reason = required.length === 0 ? 'the case is no longer a SUSAR' : 'the SUSAR is no longer fatal or life-threatening: no completed report is due';
  for (const clock of clocks) {
    const running = clock.status === 'OPEN' || clock.status === 'OVERDUE';
    if (running && !required.some((r) => r.report === clock.report)) changes.push({ change: 'WITHDRAW', clock, reason });
  }
  return changes;
}

/** A report sent already is due again only when the news made the SUSAR fatal or life-threatening. */
const reopens = (submitted: ClockState, required: RequiredReport) => required.basis === 'FATAL_OR_LIFE_THREATENING' && submitted.basis !== required.basis;

/**
 * A submission is recorded against a report that is (or was) due, and has happened: later
 * submissions of a report already sent (to another regulator or committee) are recorded too.
 */
export function assertCanRecordSubmission<C extends Pick<ClockState, 'status'>>(
  clock: C | null | undefined,
  report: ExpeditedReportKind,
  caseId: string,
  submittedAt: Date,
  now: Date,
): asserts clock is C {
  if (!clock || clock.status === 'WITHDRAWN') {
    throw RuleViolationError.of('report', 'reportDue', `no ${report} expedited report is due for case ${caseId}`, 'conflict');
  }
  if (submittedAt > now) throw RuleViolationError.of('submittedAt', 'notInFuture', `submittedAt ${submittedAt.toISOString()} is in the future`);
}

/** A report due on a day is overdue once that day has ended at the subject's site. */
export function overdueAt(dueDate: CalendarDate, timeZone: string): Date {
  return startOfDayIn(addDays(dueDate, 1), timeZone);
}
