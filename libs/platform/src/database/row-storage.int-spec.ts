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
    const columns = await dataSource.query(
      `SELECT attname, attcompression, attstorage FROM pg_attribute WHERE attrelid = 'audit_record'::regclass AND attname IN ('before', 'after') ORDER BY attname`,
    );
    expect(columns).toEqual([{ attname: 'after', attcompression: 'l', attstorage: 'm' }, { attname: 'before', attcompression: 'l', attstorage: 'm' }]);
  });
});
