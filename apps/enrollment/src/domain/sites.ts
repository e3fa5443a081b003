import { RuleViolationError, timeZoneOfSite, type TrialSite } from '@trialstream/contracts';

type Sites = readonly TrialSite[] | null | undefined;

/** A protocol that lists its sites takes subjects from those sites only; one that lists none, from any. */
export function assertSiteOfTrial(sites: Sites, siteId: string): void {
  if (!sites || sites.length === 0 || sites.some((s) => s.siteId === siteId)) return;
  throw RuleViolationError.of('siteId', 'siteOfTrial', `site ${siteId} is not a site of this trial (its sites: ${sites.map((s) => s.siteId).join(', ')})`);
}

/** The time zone of a site of the trial, on which "today" is judged; UTC's when the protocol lists no sites. */
export function siteTimeZone(sites: Sites, siteId: string): string {
  assertSiteOfTrial(sites, siteId);
  return timeZoneOfSite(sites, siteId);
}
