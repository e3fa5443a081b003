/** The roles in the order the authorisation table shows them. */
const ROLE_COLUMNS = ['sponsor-system', 'site', 'data-manager', 'safety-monitor', 'dsmb', 'operations'];
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

interface AccessOperation {
  'x-allowed-roles'?: string[];
  'x-site-scope'?: string;
  'x-open-when'?: string;
}
export interface AccessDocument {
  paths: Record<string, Record<string, AccessOperation>>;
}

function operations(document: AccessDocument): { route: string; operation: AccessOperation }[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    METHODS.filter((m) => methods[m]).map((m) => ({ route: `${m.toUpperCase()} ${path}`, operation: methods[m] })),
  );
}

/** Operations that say nothing of who may call them (the guard refuses them to everyone). */
export function undeclaredOperations(document: AccessDocument): string[] {
  return operations(document).filter(({ operation }) => !operation['x-allowed-roles']?.length).map(({ route }) => route);
}

function cells(operation: AccessOperation): string[] {
  const roles = operation['x-allowed-roles'] ?? [];
  if (roles.includes('anyone')) return ROLE_COLUMNS.map(() => 'anyone, no token');
  return ROLE_COLUMNS.map((role) => {
    if (!roles.includes(role)) return operation['x-open-when'] ? `if ${operation['x-open-when']}` : '-';
    if (role !== 'site') return 'yes';
    const scope = operation['x-site-scope'] ?? 'own subjects';
    return scope === 'trial-wide' ? 'yes' : scope;
  });
}

/**
 * The authorisation table of the four services' OpenAPI documents: every endpoint x role. Routes
 * every service has alike (health, operations) are listed once, under "every service".
 */
export function accessTable(documents: Record<string, AccessDocument>): string {
  const rows = new Map<string, { services: string[]; cells: string[] }>();
  for (const [service, document] of Object.entries(documents)) {
    for (const { route, operation } of operations(document)) {
      const key = `${route}|${cells(operation).join('|')}`;
      const row = rows.get(key) ?? { services: [], cells: cells(operation) };
      row.services.push(service);
      rows.set(key, row);
    }
  }
  const count = Object.keys(documents).length;
  const lines = [...rows.entries()].map(([key, row]) => ({
    service: row.services.length === count ? 'every service' : row.services.join(', '),
    route: key.split('|')[0],
    cells: row.cells,
  }));
  lines.sort((a, b) => (a.service === b.service ? 0 : a.service === 'every service' ? 1 : b.service === 'every service' ? -1 : 0));
  return [
    `| service | endpoint | ${ROLE_COLUMNS.join(' | ')} |`,
    `|---|---|${ROLE_COLUMNS.map(() => '---').join('|')}|`,
    ...lines.map((l) => `| ${l.service} | \`${l.route}\` | ${l.cells.join(' | ')} |`),
  ].join('\n');
}

const START = '<!-- authorisation-table:start (npm run access-table writes it) -->';
const END = '<!-- authorisation-table:end -->';

/** The table as the README holds it now. */
export function readmeAccessTable(readme: string): string | undefined {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  return start < 0 || end < 0 ? undefined : readme.slice(start + START.length, end).trim();
}

export function withAccessTable(readme: string, table: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < 0) throw new Error(`README has no ${START} ... ${END} section`);
  return `${readme.slice(0, start + START.length)}\n${table}\n${readme.slice(end)}`;
}
