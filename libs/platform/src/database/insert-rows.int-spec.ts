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
    await dataSource.query('CREATE TABLE inserted (position int PRIMARY KEY, note text, document jsonb)');
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await dropDatabases([database]);
  });

  beforeEach(() => dataSource.query('TRUNCATE inserted'));

  const statement = (values: string) => `INSERT INTO inserted (position, note, document) VALUES ${values}`;

  it('inserts more rows than one statement may carry parameters for (65,535), every one in its order', async () => {
    const count = 22_000; // three values a row: 66,000 parameters
    expect(count).toBeGreaterThan(ROWS_PER_STATEMENT);
    await dataSource.transaction((tx) => insertRows(tx, Array.from({ length: count }, (_, i) => [i, `row ${i}`, null]), ['int', '', 'jsonb'], statement));
    const [summary] = await dataSource.query(`SELECT count(*)::int AS rows, min(position) AS first, max(position) AS last, bool_and(note = 'row ' || position) AS matching FROM inserted`);
    expect(summary).toEqual({ rows: count, first: 0, last: count - 1, matching: true });
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
