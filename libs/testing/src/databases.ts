import { Client } from 'pg';

export const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';

/** Runs one query against a database of the local server and returns its rows. */
export async function queryDatabase<R = Record<string, unknown>>(database: string, sql: string, params: unknown[] = []): Promise<R[]> {
  const client = new Client({ connectionString: `${POSTGRES_URL}/${database}` });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as R[];
  } finally {
    await client.end();
  }
}

/** Drops the databases a test made; services and connections must be closed first. */
export async function dropDatabases(names: string[]): Promise<void> {
  for (const name of names) {
    await queryDatabase('postgres', `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}
