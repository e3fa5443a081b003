import { addDays, compareCalendarDates, startOfDayIn, type CalendarDate } from '@trialstream/contracts';

/** The two notices of a follow-up visit: its window opened (due), its window closed with no visit (overdue). */
export const FOLLOW_UP_NOTICES = ['due', 'overdue'] as const;
export type FollowUpNotice = (typeof FOLLOW_UP_NOTICES)[number];

/** A follow-up visit's window, days on the site's calendar. */
export interface FollowUpVisitWindow {
  number: number;
  plannedDate: CalendarDate;
  windowOpens: CalendarDate;
  windowCloses: CalendarDate;
}

/**
 * When a notice goes out. The window opens at the start of its first day on the site's calendar and
 * closes at the end of its last day, which is the start of the next: a visit on the last day of the
 * window, in the site's evening, is still in time.
 */
export function noticeDueAt(notice: FollowUpNotice, window: FollowUpVisitWindow, timeZone: string): Date {
  return notice === 'due' ? startOfDayIn(window.windowOpens, timeZone) : startOfDayIn(addDays(window.windowCloses, 1), timeZone);
}

/** One timer per subject, visit and notice: a later plan or a recorded visit finds it by its key. */
export function noticeKey(notice: FollowUpNotice, trialId: string, subjectId: string, visitNumber: number): string {
  return `follow-up-${notice}/${trialId}/${subjectId}/${visitNumber}`;
}

/** A visit recorded outside its window is kept all the same, as a deviation. */
export function withinWindow(window: FollowUpVisitWindow, visitDate: CalendarDate): boolean {
  return compareCalendarDates(window.windowOpens, visitDate) <= 0 && compareCalendarDates(visitDate, window.windowCloses) <= 0;
}
