import { dropDatabases, POSTGRES_URL, uniqueSuffix } from '@trialstream/testing';
import { DataSource, type EntityManager } from 'typeorm';
import { CommitFlag } from './commit-flag';
import { ensureDatabase } from './ensure-database';

describe('CommitFlag, on a real PostgreSQL', () => {
  const database = `trialstream_it_${uniqueSuffix()}`;
  const url = `${POSTGRES_URL}/${database}`;
  const flag = new CommitFlag('testWorkWritten');
  const wakes: string[] = [];
  let dataSource: DataSource;
  // What the worker has seen committed when it is woken: the wake must come after the real commit.
  const committedRows = async () => Number((await dataSource.query('SELECT count(*) AS n FROM work'))[0].n);

  beforeAll(async () => {
    await ensureDatabase(url);
    dataSource = await new DataSource({ type: 'postgres', url }).initialize();
    await dataSource.query('CREATE TABLE work (note text)');
    dataSource.subscribers.push(flag.onCommit(() => void committedRows().then((n) => wakes.push(`woken with ${n} row(s) committed`))));
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await dropDatabases([database]);
  });

  beforeEach(async () => {
    await dataSource.query('TRUNCATE work');
    wakes.length = 0;
  });

  const write = async (tx: EntityManager, note: string) => {
    await tx.query('INSERT INTO work VALUES ($1)', [note]);
    flag.set(tx);
  };
  const settled = () => new Promise((resolve) => setTimeout(resolve, 100));

  it('wakes once a flagged transaction commits, and not for a transaction that wrote nothing for it', async () => {
    await dataSource.transaction((tx) => write(tx, 'first'));
    await settled();
    expect(wakes).toEqual(['woken with 1 row(s) committed']);
    await dataSource.transaction((tx) => tx.query(`INSERT INTO work VALUES ('not flagged')`));
    await settled();
    expect(wakes).toEqual(['woken with 1 row(s) committed']);
  });

  it('passes over a released savepoint: it wakes when the transaction around it commits', async () => {
    const seenInside: string[] = [];
    await dataSource.transaction(async (outer) => {
      await outer.transaction((inner) => write(inner, 'in a savepoint'));
      await settled();
      seenInside.push(...wakes);
      expect(flag.isSet(outer)).toBe(true);
    });
    await settled();
    expect(seenInside).toEqual([]);
    expect(wakes).toEqual(['woken with 1 row(s) committed']);
  });

  it('does not wake for a transaction that rolls back', async () => {
    await expect(
      dataSource.transaction(async (tx) => {
        await write(tx, 'rolled back');
        throw new Error('the handler failed');
      }),
    ).rejects.toThrow('the handler failed');
    await settled();
    expect(wakes).toEqual([]);
  });
});
