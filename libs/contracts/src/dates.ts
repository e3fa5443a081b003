import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * The two kinds of time a trial records. A calendar date (birth year, baseline visit, last dose,
 * test, consent, planned infusion) is a day on a site's calendar, `YYYY-MM-DD`, with no time and no
 * zone. An instant (when an event occurred, when a status changed) is a moment, an RFC 3339
 * date-time with its offset. Rules compare them with the functions here, never as strings.
 */
export type CalendarDate = string;

const DAY_MS = 86_400_000;
const INSTANT = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/** The number of the ASCII digits at value[from, from + length), or NaN if any is not a digit. */
function digits(value: string, from: number, length: number): number {
  let n = 0;
  for (let i = from; i < from + length; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number.NaN;
    n = n * 10 + d;
  }
  return n;
}

/**
 * Days since 1970-01-01 of a real calendar day, or NaN (2026-02-30 is not a day). Arithmetic on the
 * characters, with no Date, regex match or array: eligibility rules call it several times per
 * subject, and the Date round trip was 4 % of enrollment's CPU per screening.
 */
function dayNumberOrNaN(value: string): number {
  if (value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return Number.NaN;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 2);
  const day = digits(value, 8, 2);
  if (!(year >= 1) || !(month >= 1 && month <= 12) || !(day >= 1 && day <= daysInMonth(year, month))) return Number.NaN;
  // Days from the civil date (H. Hinnant's algorithm), with March as the first month of the year.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

export function isCalendarDate(value: unknown): value is CalendarDate {
  return typeof value === 'string' && !Number.isNaN(dayNumberOrNaN(value));
}

export function isInstant(value: unknown): value is string {
  const match = typeof value === 'string' ? INSTANT.exec(value) : null;
  return match !== null && isCalendarDate(match[1]) && Number.isFinite(Date.parse(value as string));
}

function dayNumber(date: CalendarDate): number {
  const day = dayNumberOrNaN(date);
  if (Number.isNaN(day)) throw new RangeError(`${date} is not a calendar date (YYYY-MM-DD)`);
  return day;
}

/** Whole days from one calendar date to another (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** Negative, zero or positive as `a` is before, on or after `b`. */
export function compareCalendarDates(a: CalendarDate, b: CalendarDate): number {
  return dayNumber(a) - dayNumber(b);
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return new Date((dayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10);
}

export function yearOf(date: CalendarDate): number {
  return new Date(dayNumber(date) * DAY_MS).getUTCFullYear();
}

/** The day an instant falls on in a time zone (IANA name): what "today" means at a site. */
export function calendarDateIn(instant: Date, timeZone: string): CalendarDate {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/**
 * The instant a calendar day begins in a time zone (IANA name): its midnight there, or the first
 * moment of the day when a daylight-saving change skips midnight. "By the end of day D at the site"
 * is before startOfDayIn(addDays(D, 1), zone).
 */
export function startOfDayIn(date: CalendarDate, timeZone: string): Date {
  const midnightAsUtc = dayNumber(date) * DAY_MS;
  // The offset near midnight may change that night: try the offsets either side, keep the earliest
  // instant that is on that day there.
  const first = midnightAsUtc - zoneOffsetMs(new Date(midnightAsUtc), timeZone);
  const second = midnightAsUtc - zoneOffsetMs(new Date(first), timeZone);
  const onTheDay = [first, second].filter((ms) => calendarDateIn(new Date(ms), timeZone) === date);
  // A day the zone skipped altogether (Samoa's 2011-12-30) is over when the next one begins.
  return onTheDay.length > 0 ? new Date(Math.min(...onTheDay)) : startOfDayIn(addDays(date, 1), timeZone);
}

/** How far a zone's wall clock is ahead of UTC at an instant. */
function zoneOffsetMs(instant: Date, timeZone: string): number {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  });
  const part = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, Number(p.value)]));
  const wallClockAsUtc = Date.UTC(part.year, part.month - 1, part.day, part.hour, part.minute, part.second);
  return wallClockAsUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** A `YYYY-MM-DD` string that is a real day of the calendar. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    { name: 'isCalendarDate', validator: { validate: isCalendarDate, defaultMessage: (args) => `${args?.property} must be a calendar date, YYYY-MM-DD, that exists` } },
    options,
  );
}

/** An RFC 3339 date-time with its offset (Z or ±hh:mm), e.g. 2015-06-01T08:30:00Z. */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    { name: 'isInstant', validator: { validate: isInstant, defaultMessage: (args) => `${args?.property} must be a date-time with its offset, e.g. 2015-06-01T08:30:00Z` } },
    options,
  );
}
