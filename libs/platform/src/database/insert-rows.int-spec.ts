import { dropDatabases, POSTGRES_URL, uniqueSuffix } from '@trialstream/testing';
import { DataSource } from 'typeorm';
import { ensureDatabase } from './ensure-database';
import { insertRows, ROWS_PER_STATEMENT } from './insert-rows';

describe('insertRows, on a real PostgreSQL', () => {
  const database = `trialstream_it_${uniqueSuffix()}`;
  const url = `${POSTGRES_URL}/${database}`;
  let dataSource: DataSource;

  beforeAll(async () => {
    await ensureDatabase(url);
    dataSource = await new DataSource({ type: 'postgres', url }).initialize();
    await dataSource.query('CREATE TABLE inserted (sequence bigserial, position int PRIMARY KEY, note text, document jsonb)');
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await dropDatabases([database]);
  });

  beforeEach(() => dataSource.query('TRUNCATE inserted'));

  const statement = (values: string) => `INSERT INTO inserted (position, note, document) VALUES ${values}`;

  it('inserts more rows than one statement may carry parameters for (65,535), every one in its order', async () => {
    const count = 22_001; // three values a row: 66,003 parameters, the last statement not a full one
    expect(count % ROWS_PER_STATEMENT).not.toBe(0);
    const positions = Array.from({ length: count }, (_, i) => (i * 7_919) % count); // every position once, not ascending
    await dataSource.transaction((tx) => insertRows(tx, positions.map((position) => [position, `row ${position}`, null]), ['int', '', 'jsonb'], statement));
    const inserted: { position: number; note: string }[] = await dataSource.query('SELECT position, note FROM inserted ORDER BY sequence');
    expect(inserted.map((row) => row.position)).toEqual(positions);
    expect(inserted.every((row) => row.note === `row ${row.position}`)).toBe(true);
  });

  it('keeps a statement of many columns under the parameter limit too', async () => {
    // 700 columns: a full statement of rows would carry 70,000 parameters.
    const columns = Array.from({ length: 700 }, (_, i) => `c${i}`);
    expect(columns.length * ROWS_PER_STATEMENT).toBeGreaterThan(65_535);
    await dataSource.query(`CREATE TABLE wide (${columns.map((c) => `${c} int`).join(', ')})`);
    const rows = Array.from({ length: ROWS_PER_STATEMENT }, (_, r) => columns.map((_, c) => r * 1000 + c));
    await dataSource.transaction((tx) => insertRows(tx, rows, columns.map(() => 'int'), (values) => `INSERT INTO wide VALUES ${values}`));
    expect(await dataSource.query('SELECT count(*)::int AS rows, sum(c699)::int AS last FROM wide')).toEqual([{ rows: ROWS_PER_STATEMENT, last: rows.reduce((sum, row) => sum + row[699], 0) }]);
  });

  it(`sends at most ${ROWS_PER_STATEMENT} rows a statement, so a statement's memory does not grow with the batch`, async () => {
    const rowsPerStatement: number[] = [];
    const rows = Array.from({ length: 2 * ROWS_PER_STATEMENT + 50 }, (_, i) => [i, `row ${i}`, null]);
    await dataSource.transaction((tx) => insertRows(tx, rows, ['int', '', 'jsonb'], (values) => (rowsPerStatement.push(values.split('),(').length), statement(values))));
    expect(rowsPerStatement).toEqual([ROWS_PER_STATEMENT, ROWS_PER_STATEMENT, 50]);
    expect(await dataSource.query('SELECT count(*)::int AS n FROM inserted')).toEqual([{ n: rows.length }]);
  });

  it('runs only inside a transaction, where several statements are all or none', async () => {
    await expect(insertRows(dataSource.manager, [[1, 'a', null]], ['int', '', 'jsonb'], statement)).rejects.toThrow('runs only inside a transaction');
    expect(await dataSource.query('SELECT * FROM inserted')).toEqual([]);
  });

  it('reads each value through its cast: JSON text into jsonb, text as it is', async () => {
    const document = { subjectId: 'S-001', answers: [{ criterionId: 'c-1', present: true }], note: 'quote " and \\ backslash' };
    await dataSource.transaction((tx) => insertRows(tx, [[7, "it's", JSON.stringify(document)]], ['int', '', 'jsonb'], statement));
    expect(await dataSource.query('SELECT position, note, document FROM inserted')).toEqual([{ position: 7, note: "it's", document }]);
  });

  it('refuses a row whose number of values differs from the columns, inserting nothing', async () => {
    await expect(dataSource.transaction((tx) => insertRows(tx, [[1, 'a', null], [2, 'b']], ['int', '', 'jsonb'], statement))).rejects.toThrow('a row of 2 values for 3 columns');
    expect(await dataSource.query('SELECT * FROM inserted')).toEqual([]);
  });

  it('sends no statement for no rows', async () => {
    const statements: string[] = [];
    await dataSource.transaction((tx) => insertRows(tx, [], ['int', '', 'jsonb'], (values) => (statements.push(values), statement(values))));
    expect(statements).toEqual([]);
  });
});
