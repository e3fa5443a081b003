import type { DataSource } from 'typeorm';

// Any constant works; it only has to be the same for every instance of every service.
const MIGRATION_LOCK_KEY = 720_265_893;

/**
 * Runs pending migrations under a Postgres advisory lock, so instances starting together do not
 * race each other through the same migration.
 */
export async function runMigrationsLocked(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}
