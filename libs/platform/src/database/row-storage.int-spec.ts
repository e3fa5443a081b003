import { randomUUID } from 'node:crypto';
import { TrialRegistered } from '@trialstream/contracts';
import { dropDatabases, POSTGRES_URL, sampleTrialRegistered, uniqueSuffix } from '@trialstream/testing';
import { DataSource } from 'typeorm';
import { Outbox } from '../messaging/outbox';
import { ensureDatabase } from './ensure-database';
import { PLATFORM_MIGRATIONS, runMigrationsLocked } from './migrations';

describe('how the platform stores its large rows, on a real PostgreSQL', () => {
  const database = `trialstream_it_${uniqueSuffix()}`;
  const url = `${POSTGRES_URL}/${database}`;
  let dataSource: DataSource;

  beforeAll(async () => {
    await ensureDatabase(url);
    dataSource = await new DataSource({ type: 'postgres', url, migrations: PLATFORM_MIGRATIONS }).initialize();
    await runMigrationsLocked(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await dropDatabases([database]);
  });

  it('leaves an outbox envelope of several kB uncompressed (compressing it on every insert cost more than it saved)', async () => {
    const envelope = await dataSource.transaction((tx) =>
      new Outbox('integration-test').enqueue(tx, TrialRegistered, { trialId: 'NCT11000001', payload: { ...sampleTrialRegistered('NCT11000001'), briefTitle: 'x'.repeat(3000) } }),
    );
    const [row] = await dataSource.query(`SELECT pg_column_compression(envelope) AS compression, octet_length(envelope::text) AS length FROM outbox_message WHERE event_id = $1`, [envelope.eventId]);
    expect(Number(row.length)).toBeGreaterThan(3000);
    expect(row.compression).toBeNull();
  });

  it('stores an outbox envelope as the JSON text the service wrote, its version and correlation id in columns for the relay', async () => {
    const envelope = await dataSource.transaction((tx) => new Outbox('integration-test').enqueue(tx, TrialRegistered, { trialId: 'NCT11000002', payload: sampleTrialRegistered('NCT11000002') }));
    const [row] = await dataSource.query(`SELECT envelope::text AS text, event_version, correlation_id FROM outbox_message WHERE event_id = $1`, [envelope.eventId]);
    expect(row).toEqual({ text: JSON.stringify(envelope), event_version: envelope.version, correlation_id: envelope.correlationId });
  });

  it('keeps pending audit rows uncompressed and compresses kept audit records with lz4, in the row', async () => {
    const [{ options }] = await dataSource.query(`SELECT reloptions AS options FROM pg_class WHERE oid = 'audit_pending'::regclass`);
    expect(options).toContain('toast_tuple_target=8160');
    const columns = await dataSource.query(`SELECT attname, attcompression FROM pg_attribute WHERE attrelid = 'audit_record'::regclass AND attname IN ('before', 'after') ORDER BY attname`);
    expect(columns).toEqual([{ attname: 'after', attcompression: 'l' }, { attname: 'before', attcompression: 'l' }]);
  });

  it('keeps an audit record of a few kB in its row, compressed, rather than moving its columns out of line', async () => {
    // Like the subject row of a screening: about 3.5 kB as JSON, a little over 2 kB compressed.
    const document = { answers: Array.from({ length: 40 }, (_, i) => ({ criterionId: randomUUID(), present: i % 3 === 0, note: `answer ${i}` })) };
    await dataSource.transaction(async (tx) => {
      await tx.query('CREATE TABLE IF NOT EXISTS audited_document (id int PRIMARY KEY, document jsonb)');
      await tx.query(`SELECT set_config('trialstream.audit_context', '{"correlationId": "c-1"}', true)`);
      await tx.query(`CREATE TRIGGER audit_capture_inserts AFTER INSERT ON audited_document REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_capture_inserts('id', '', '')`);
      await tx.query('INSERT INTO audited_document VALUES (1, $1)', [document]);
    });
    const [row] = await dataSource.query(
      `SELECT octet_length(after::text) AS length, pg_column_compression(after) AS compression, pg_column_size(after) AS compressed,
              pg_relation_size((SELECT reltoastrelid FROM pg_class WHERE relname = 'audit_record')) AS toast_bytes
         FROM audit_record WHERE entity = 'audited_document'`,
    );
    expect(Number(row.length)).toBeGreaterThan(3000);
    expect(row.compression).toBe('lz4');
    expect(Number(row.compressed)).toBeGreaterThan(1800);
    expect(Number(row.toast_bytes)).toBe(0);
  });
});
