import type { Caller } from './platform-client';

/** Who does what in the rehearsal: each request carries a token of the role that does it in a trial. */
export const SPONSOR: Caller = { role: 'sponsor-system', subject: 'sponsor trial system (simulation)' };
export const MONITOR: Caller = { role: 'safety-monitor', subject: 'safety monitor (simulation)' };
export const OPERATIONS: Caller = { role: 'operations', subject: 'operator (simulation)' };
export const DATA_MANAGER: Caller = { role: 'data-manager', subject: 'simulation data manager' };

/** Investigators and nurses at the plan's site: a site token reaches that site's subjects only. */
export const atSite = (siteId: string, who: string): Caller => ({ role: 'site', subject: `${who} ${siteId}`, sites: [siteId] });
