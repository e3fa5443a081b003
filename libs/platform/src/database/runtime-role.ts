import { Logger } from '@nestjs/common';
import type { QueryRunner } from 'typeorm';

const NAME = /^[a-z_][a-z0-9_]*$/;

/** The login role a service's pool uses unless DATABASE_RUNTIME_URL names another. */
export function runtimeRoleOf(service: string): string {
  return `trialstream_${service.replace(/-/g, '_')}_runtime`;
}

/**
 * What the running service connects as: DATABASE_RUNTIME_URL when set, else DATABASE_URL (the
 * owner, who creates and migrates the database) with the service's runtime role as the user and no
 * password, which suits trust or peer authentication; where passwords are required, set it.
 */
export function runtimeDatabaseUrl(service: string, databaseUrl: string, configured = ''): string {
  if (configured) return configured;
  const url = new URL(databaseUrl);
  url.username = runtimeRoleOf(service);
  url.password = '';
  return url.toString();
}

const userOf = (url: string) => decodeURIComponent(new URL(url).username);

/**
 * Lets the runtime role read and write the service's rows and read its audit trail, and nothing
 * else: it owns no table, so it can neither change audit records nor disable the trigger that
 * refuses it; the audit triggers write as the owner. Creates it as a password-less login role when
 * missing. Run after every migration (under the migration lock), so a new table is covered.
 */
export async function grantRuntimeRole(runner: QueryRunner, ownerUrl: string, runtimeUrl: string): Promise<void> {
  const role = userOf(runtimeUrl);
  if (role === userOf(ownerUrl)) {
    new Logger('Database').warn({ message: 'the service runs as its database owner: audit records are protected by their trigger only', role });
    return;
  }
  if (!NAME.test(role)) throw new Error(`DATABASE_RUNTIME_URL: role "${role}" must match [a-z_][a-z0-9_]*`);
  await ensureLoginRole(runner, role);
  const [{ database, schema }] = await runner.query('SELECT current_database() AS database, current_schema() AS schema');
  await runner.startTransaction();
  try {
    await runner.query(`GRANT CONNECT ON DATABASE "${database}" TO ${role}`);
    await runner.query(`GRANT USAGE ON SCHEMA "${schema}" TO ${role}`);
    await runner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "${schema}" TO ${role}`);
    await runner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "${schema}" TO ${role}`);
    await runner.query(`REVOKE ALL ON migrations, audit_record, audit_pending, audit_chain_head FROM ${role}`);
    await runner.query(`GRANT SELECT ON audit_record, audit_chain_head TO ${role}`);
    // Not left to PUBLIC's default right to execute functions, which a hardened server revokes.
    await runner.query(`GRANT EXECUTE ON FUNCTION outbox_unpublished(int), outbox_backlog() TO ${role}`);
    await runner.commitTransaction();
  } catch (error) {
    await runner.rollbackTransaction();
    throw error;
  }
}

async function ensureLoginRole(runner: QueryRunner, role: string): Promise<void> {
  if ((await runner.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).length > 0) return;
  await runner.query(`CREATE ROLE ${role} LOGIN`).catch((error: { code?: string }) => {
    // Another service's database on this server created it between our check and our create.
    if (error.code !== '42710' && error.code !== '23505') throw error;
  });
}
