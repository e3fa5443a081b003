import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { POSTGRES_URL } from '@trialstream/testing';
import { PlatformUnderTest } from './platform-under-test';

const WORKSPACE = join(__dirname, '../../..');
const APPS = ['registry', 'enrollment', 'infusion-tracking', 'safety'];

/** A service's migrate command as `npm run migrate` runs it (the built `migrate.js`). */
function migrate(app: string, databaseUrl: string) {
  const run = spawnSync('node', [`dist/apps/${app}/apps/${app}/src/migrate.js`], {
    cwd: WORKSPACE,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: run.status, out: `${run.stdout}${run.stderr}` };
}

describe('npm run migrate: each service migrates its database without starting', () => {
  const platform = new PlatformUnderTest();
  const applied = (app: string) => platform.query<{ name: string }>(app, 'SELECT name FROM migrations ORDER BY id').then((rows) => rows.map((r) => r.name));
  const migratedByCommand: Record<string, string[]> = {};

  afterAll(() => platform.cleanUp());

  it.each(APPS)('%s: creates the missing database and runs every migration, then finds nothing to do', async (app) => {
    const url = `${POSTGRES_URL}/${platform.databaseOf(app)}`;
    const first = migrate(app, url);
    expect(first).toMatchObject({ status: 0, out: expect.stringContaining(`${app}: migrated ${platform.databaseOf(app)}: MessagingTables1764000000000, `) });
    migratedByCommand[app] = await applied(app);
    expect(migratedByCommand[app]).toContain('EventRuntime1764000000002');

    expect(migrate(app, url)).toMatchObject({ status: 0, out: `${app}: ${platform.databaseOf(app)} is up to date\n` });
  });

  it('leaves the services nothing to migrate when they start', async () => {
    await platform.startAll();
    for (const app of APPS) expect(await applied(app)).toEqual(migratedByCommand[app]);
  });

  it('fails with a non-zero exit and the reason when the database cannot be made', () => {
    const failed = migrate('registry', `${POSTGRES_URL}/Not-A-Name`);
    expect(failed.status).toBe(1);
    expect(failed.out).toContain('registry: migrating Not-A-Name failed: DATABASE_URL: database name "Not-A-Name" must match');
  });
});
