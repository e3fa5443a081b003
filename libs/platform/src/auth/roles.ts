/** Who may call the platform: people and systems, each token carrying exactly one role. */
export const ROLES = ['sponsor-system', 'site', 'data-manager', 'safety-monitor', 'dsmb', 'operations'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  'sponsor-system': "a sponsor's or site's system submitting data, as it would on the ingress topic",
  site: 'investigators and coordinators at the sites named in the token; they see and act on their own subjects only',
  'data-manager': 'reads every record and the audit trail, corrects nothing silently',
  'safety-monitor': 'watches alerts, places and lifts subject holds, submits expedited reports',
  dsmb: 'the data and safety monitoring board: lifts trial-wide holds and resumes trials',
  operations: 'runs the platform: dead letters, the outbox, the clock of a demo, metrics',
};

/**
 * Who did something: a person or system from a verified token, or a service acting on an event or
 * a timer (role 'service', subject the service's name).
 */
export interface Actor {
  subject: string;
  role: Role | 'service';
  /** The sites a site-role token is bound to; absent for every other role. */
  sites?: readonly string[];
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export const ALL_ROLES: readonly Role[] = ROLES;
/** Who reads subjects' records across every site: systems, data management and oversight. */
export const RECORD_READERS: readonly Role[] = ['sponsor-system', 'data-manager', 'safety-monitor', 'dsmb'];
