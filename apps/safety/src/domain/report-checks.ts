import { compareCalendarDates, type AdverseEventReport, type CalendarDate, type RuleViolation } from '@trialstream/contracts';

/**
 * A report that cannot be true is an input error (400, or a REJECTED dead letter), never a case:
 * an event that began after the sponsor learned of it, awareness in the future at the site, or a
 * grade 5 event (death) whose outcome is not fatal.
 */
export function reportProblems(report: AdverseEventReport, today: CalendarDate): RuleViolation[] {
  const problems: RuleViolation[] = [];
  if (compareCalendarDates(report.onsetDate, report.awareDate) > 0) {
    problems.push({
      field: 'onsetDate',
      rule: 'onsetNotAfterAwareness',
      message: `onsetDate ${report.onsetDate} is after awareDate ${report.awareDate}: nobody can learn of an event before it begins`,
    });
  }
  if (compareCalendarDates(report.awareDate, today) > 0) {
    problems.push({ field: 'awareDate', rule: 'notInFuture', message: `awareDate ${report.awareDate} is in the future (today is ${today} at the site)` });
  }
  if (report.ctcaeGrade === 5 && report.outcome !== 'FATAL') {
    problems.push({ field: 'outcome', rule: 'fatalAtGrade5', message: `a grade 5 event is a death: its outcome must be FATAL (given ${report.outcome})` });
  }
  return problems;
}
