import type { ConsumingService } from '@trialstream/contracts';
import { DataSource, type Migration, type QueryRunner } from 'typeorm';
import { AuditCaptureInserts1764000000007 } from '../audit/audit-capture-inserts.migration';
import { AuditJsonText1764000000013 } from '../audit/audit-json-text.migration';
import { AuditPendingShared1764000000012 } from '../audit/audit-pending-shared.migration';
import { AuditTrail1764000000003 } from '../audit/audit-trail.migration';
import { OperatorCommands1764000000004 } from '../audit/operator-commands.migration';
import { assertEveryTableAudited } from '../audit/audited-tables';
import { DurableTimers1764000000001 } from '../timers/timers.migration';
import { defaultServiceEnv } from '../config/service-env';
import { ensureDatabase } from './ensure-database';
import { EventRuntime1764000000002 } from './event-runtime.migration';
import { MessagingTables1764000000000 } from './messaging-tables.migration';
import { OutboxEnvelopeJson1764000000006 } from './outbox-envelope-json.migration';
import { OutboxIndexWalk1764000000008 } from './outbox-index-walk.migration';
import { RowStorage1764000000005 } from './row-storage.migration';
import { grantRuntimeRole, runtimeDatabaseUrl } from './runtime-role';

// Any constant works; it only has to be the same for every instance of every service.
const MIGRATION_LOCK_KEY = 720_265_893;

/** What every service's database holds before its own tables: outbox, ledger, timers, parking, audit trail. */
export const PLATFORM_MIGRATIONS = [MessagingTables1764000000000, DurableTimers1764000000001, EventRuntime1764000000002, AuditTrail1764000000003, OperatorCommands1764000000004, RowStorage1764000000005, OutboxEnvelopeJson1764000000006, AuditCaptureInserts1764000000007, OutboxIndexWalk1764000000008, AuditPendingShared1764000000012, AuditJsonText1764000000013];

/**
 * Runs pending migrations under a Postgres advisory lock, so instances starting together do not
 * race each other through the same migration, then `afterwards` under the same lock. Returns the
 * migrations it ran.
 */
export async function runMigrationsLocked(dataSource: DataSource, afterwards?: (runner: QueryRunner) => Promise<void>): Promise<Migration[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    await afterwards?.(runner);
    return ran;
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}

export interface DatabasePlan {
  /** DATABASE_URL: the owner, who creates and migrates the database. */
  ownerUrl: string;
  /** What the running service connects as (runtimeDatabaseUrl). */
  runtimeUrl: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[];
}

/**
 * As the owner: creates the database when missing, runs the platform's and the service's
 * migrations, refuses a table without an audit trail, and grants the runtime role its rights.
 * Returns the migrations it ran.
 */
export async function prepareDatabase({ ownerUrl, runtimeUrl, migrations }: DatabasePlan): Promise<Migration[]> {
  await ensureDatabase(ownerUrl);
  const dataSource = await new DataSource({ type: 'postgres', url: ownerUrl, migrations: [...PLATFORM_MIGRATIONS, ...migrations] }).initialize();
  try {
    return await runMigrationsLocked(dataSource, async (runner) => {
      await assertEveryTableAudited(dataSource);
      await grantRuntimeRole(runner, ownerUrl, runtimeUrl);
    });
  } finally {
    await dataSource.destroy();
  }
}

/**
 * `npm run migrate` for one service, without starting it: prepares its database (DATABASE_URL, or
 * the service's default; DATABASE_RUNTIME_URL as the service reads it) and says what it ran; a
 * failure sets a non-zero exit code.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export async function runMigrateCommand(service: ConsumingService, migrations: Function[], env = process.env): Promise<void> {
  const url = env.DATABASE_URL ?? defaultServiceEnv(service, 0).DATABASE_URL;
  const database = decodeURIComponent(new URL(url).pathname.slice(1));
  try {
    const ran = await prepareDatabase({ ownerUrl: url, runtimeUrl: runtimeDatabaseUrl(service, url, env.DATABASE_RUNTIME_URL), migrations });
    console.log(ran.length > 0 ? `${service}: migrated ${database}: ${ran.map((m) => m.name).join(', ')}` : `${service}: ${database} is up to date`);
  } catch (error) {
    console.error(`${service}: migrating ${database} failed: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
