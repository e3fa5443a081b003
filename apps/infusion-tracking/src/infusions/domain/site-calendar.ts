import { addDays, startOfDayIn, type CalendarDate } from '@trialstream/contracts';

/** When a window closes: the end of its last day at the site. */
export function windowClosedAt(windowCloses: CalendarDate, timeZone: string): Date {
  return startOfDayIn(addDays(windowCloses, 1), timeZone);
}
