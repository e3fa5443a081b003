import { addDays, calendarDateIn, type CalendarDate, type TrialSite } from '@trialstream/contracts';

/**
 * The time zone of the subject's site, on whose calendar windows are judged; UTC's when the
 * protocol lists no sites, or no longer lists this one (enrollment checked it when the subject came in).
 */
export function siteTimeZone(sites: readonly TrialSite[] | null, siteId: string): string {
  return sites?.find((s) => s.siteId === siteId)?.timeZone ?? 'UTC';
}

/** The first instant of a calendar day in a time zone (IANA name). */
export function startOfDayIn(date: CalendarDate, timeZone: string): Date {
  const midnightUtc = Date.parse(`${date}T00:00:00Z`);
  // Midnight by the zone's offset at UTC midnight, and by the offset there: when the offset changes
  // around midnight one of them falls on the day before (or the day starts at 01:00); the day
  // starts at the earlier of those that fall on it.
  const first = midnightUtc - offsetMs(midnightUtc, timeZone);
  const second = midnightUtc - offsetMs(first, timeZone);
  return new Date(Math.min(...[first, second].filter((t) => calendarDateIn(new Date(t), timeZone) === date)));
}

/** When a window closes: the end of its last day at the site. */
export function windowClosedAt(windowCloses: CalendarDate, timeZone: string): Date {
  return startOfDayIn(addDays(windowCloses, 1), timeZone);
}

/** How far the zone's wall clock runs ahead of UTC at an instant. */
function offsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  }).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wallClock = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wallClock - (instant - (instant % 1000));
}
