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
 * was built with it; elsewhere they keep pglz. Applies to values written from now on.
 *
 * `rowTarget`: the row size (bytes) above which PostgreSQL compresses the largest values and,
 * while the row is still bigger, moves values out of line, each a second insert into the TOAST
 * table and its index. The default, about 2 kB, is less than an lz4-compressed audit record:
 * PostgreSQL then moved its small text columns (the hashes, the correlation id) out of line one by
 * one, four TOAST inserts per record. A row target above the compressed size keeps it in the row.
 */
export async function compressWithLz4(runner: QueryRunner, table: string, columns: string[], rowTarget?: number): Promise<void> {
  assertPlain(table, ...columns);
  if (rowTarget !== undefined) {
    if (!Number.isInteger(rowTarget) || rowTarget < 128 || rowTarget > 8160) throw new Error(`row storage: row target ${rowTarget} is not a whole number of bytes from 128 to 8160`);
    await runner.query(`ALTER TABLE ${table} SET (toast_tuple_target = ${rowTarget})`);
  }
  await runner.query(`
    DO $$ BEGIN
      ALTER TABLE ${table} ${columns.map((c) => `ALTER COLUMN ${c} SET COMPRESSION lz4`).join(', ')};
    EXCEPTION WHEN feature_not_supported THEN
      RAISE NOTICE 'lz4 is not supported by this server: ${table} keeps pglz';
    END $$`);
}
