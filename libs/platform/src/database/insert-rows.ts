import type { EntityManager } from 'typeorm';

/** PostgreSQL takes at most this many parameters in one statement. */
const MAX_PARAMETERS = 65_535;

/**
 * Rows per statement at most, whatever the columns: a batch has no fixed size, and a statement's
 * memory in PostgreSQL should not grow with it. Planning a VALUES list copies every value into
 * fresh memory; for 500 outbox rows (1.2 MB) the backend's allocator took it from the system and
 * gave it back each time, two page faults a row, each some 10 µs in a virtual machine like CI's.
 * At 100 rows a statement the backend reuses its memory: 16-19 µs of PostgreSQL's time a row,
 * not 40-53 (docs/benchmarks.md, "Page faults").
 */
export const ROWS_PER_STATEMENT = 100;

/**
 * Inserts rows with one parameter per value, `statement` receiving the VALUES list
 * (`($1::uuid,$2),($3::uuid,$4)` for two rows of casts `['uuid', '']`). PostgreSQL reads each
 * value once, through its column type's input function. Sending the rows as one JSON document
 * (json_to_recordset) had it lex every json value three times: as part of the document, when
 * splitting it into records, and as the column's own input, about 40 µs a 2.5 kB outbox row.
 * Many rows take several statements, so it runs only inside a transaction: all of them or none.
 */
export async function insertRows(tx: EntityManager, rows: readonly unknown[][], casts: readonly string[], statement: (values: string) => string): Promise<void> {
  if (casts.length === 0) throw new Error('insertRows: no columns');
  if (!tx.queryRunner?.isTransactionActive) throw new Error('insertRows: runs only inside a transaction');
  const perStatement = Math.min(ROWS_PER_STATEMENT, Math.floor(MAX_PARAMETERS / casts.length));
  for (let start = 0; start < rows.length; start += perStatement) {
    const parameters: unknown[] = [];
    const tuples = rows.slice(start, start + perStatement).map((row) => {
      if (row.length !== casts.length) throw new Error(`insertRows: a row of ${row.length} values for ${casts.length} columns`);
      const placeholders = row.map((value, column) => {
        parameters.push(value);
        return casts[column] ? `$${parameters.length}::${casts[column]}` : `$${parameters.length}`;
      });
      return `(${placeholders.join(',')})`;
    });
    await tx.query(statement(tuples.join(',')), parameters);
  }
}
