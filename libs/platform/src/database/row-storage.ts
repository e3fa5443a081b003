import type { QueryRunner } from 'typeorm';

/**
 * PostgreSQL compresses a row's large values (over about 2 kB in all) with pglz on every insert,
 * which profiling found to be a tenth of the database's CPU per screening. These choose per table.
 */

const PLAIN = /^[a-z_][a-z0-9_]*$/;

function assertPlain(...names: string[]): void {
  for (const name of names) if (!PLAIN.test(name)) throw new Error(`row storage: "${name}" is not a plain lower-case name`);
}

/**
 * Rows that are short-lived (deleted or superseded soon after) are stored uncompressed: a row up to
 * a page's size (8160 bytes) is left as it is. Larger ones are still compressed and moved out of line.
 */
export async function storeUncompressed(runner: QueryRunner, table: string): Promise<void> {
  assertPlain(table);
  await runner.query(`ALTER TABLE ${table} SET (toast_tuple_target = 8160)`);
}

/**
 * Rows that are kept are compressed with lz4 (several times cheaper than pglz) where the server
 * was built with it; elsewhere they keep pglz. Applies to values written from now on. The values
 * stay in the row once compressed (storage MAIN): lz4 compresses less than pglz, and a row left
 * over about 2 kB had its largest value moved out of line, a second insert into the TOAST table
 * and its index for every row.
 */
export async function compressWithLz4(runner: QueryRunner, table: string, columns: string[]): Promise<void> {
  assertPlain(table, ...columns);
  await runner.query(`ALTER TABLE ${table} ${columns.map((c) => `ALTER COLUMN ${c} SET STORAGE MAIN`).join(', ')}`);
  await runner.query(`
    DO $$ BEGIN
      ALTER TABLE ${table} ${columns.map((c) => `ALTER COLUMN ${c} SET COMPRESSION lz4`).join(', ')};
    EXCEPTION WHEN feature_not_supported THEN
      RAISE NOTICE 'lz4 is not supported by this server: ${table} keeps pglz';
    END $$`);
}
