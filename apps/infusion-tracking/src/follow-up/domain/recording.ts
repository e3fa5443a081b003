import { compareCalendarDates, RuleViolationError, type CalendarDate } from '@trialstream/contracts';
import type { FollowUpVisitWindow } from './follow-up-notices';
import type { VisitStatus } from '../../domain/subject-schedule';

export interface HeldFollowUpVisit extends FollowUpVisitWindow {
  status: VisitStatus;
}

/**
 * A follow-up visit is recorded once, for a visit of the subject's plan that is still planned, on a
 * day that has come at the site (`today`). A visit outside its window is recorded as a deviation.
 */
export function assertCanRecordFollowUpVisit(
  visit: HeldFollowUpVisit | null | undefined,
  visitNumber: number,
  alreadyRecorded: boolean,
  visitDate: CalendarDate,
  today: CalendarDate,
): asserts visit is HeldFollowUpVisit {
  if (!visit) throw RuleViolationError.of('visitNumber', 'plannedVisit', `the subject has no follow-up visit ${visitNumber}`);
  if (alreadyRecorded) throw RuleViolationError.of('visitNumber', 'recordedOnce', `follow-up visit ${visitNumber} is already recorded`, 'conflict');
  if (visit.status === 'CANCELLED') {
    throw RuleViolationError.of('visitNumber', 'notCancelled', `follow-up visit ${visitNumber} was cancelled (withdrawal or amendment)`, 'conflict');
  }
  if (compareCalendarDates(visitDate, today) > 0) throw RuleViolationError.of('visitDate', 'notInFuture', `visitDate ${visitDate} is in the future`);
}
