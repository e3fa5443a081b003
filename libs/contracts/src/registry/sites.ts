import type { TrialSite } from './protocol';

/**
 * The time zone of a site's calendar, on which "today" and a visit's day are judged; UTC's when the
 * protocol lists no sites (or not this one).
 */
export function timeZoneOfSite(sites: readonly TrialSite[] | null | undefined, siteId: string): string {
  return sites?.find((s) => s.siteId === siteId)?.timeZone ?? 'UTC';
}
