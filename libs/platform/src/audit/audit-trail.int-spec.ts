import { dropDatabases, POSTGRES_URL, uniqueSuffix } from '@trialstream/testing';
import { DataSource, type EntityManager, type MigrationInterface, type QueryRunner } from 'typeorm';
import { runWithCorrelation } from '../context/correlation';
import { ensureDatabase } from '../database/ensure-database';
import { PLATFORM_MIGRATIONS, prepareDatabase } from '../database/migrations';
import { runtimeDatabaseUrl } from '../database/runtime-role';
import { AuditContextSubscriber } from './audit-context';
import { AuditJsonText1764000000013 } from './audit-json-text.migration';
import { auditTables, leaveOutOfAuditTrail } from './audited-tables';
import { recordHash } from './canonical';
import { verifyAuditChain } from './verify';

/** A domain table of a made-up service: specimens of a subject, collected, annotated, received, discarded (with a reason). */
class Specimens1764000009100 implements MigrationInterface {
  async up(runner: QueryRunner) {
    await runner.query(`
      CREATE TABLE specimen (
        trial_id text, specimen_id text, subject_id text NOT NULL, status text NOT NULL,
        note text, details jsonb, discard_reason text, lab_report json, PRIMARY KEY (trial_id, specimen_id)
      )`);
    // A table of the lab's, with neither a trial nor a subject.
    await runner.query('CREATE TABLE freezer (freezer_id int PRIMARY KEY, rack text)');
    await auditTables(runner, [{ table: 'specimen', verbs: ['note=annotated', 'status'], reasons: ['discard_reason'] }, { table: 'freezer' }]);
  }

  async down(runner: QueryRunner) {
    await runner.query('DROP TABLE specimen, freezer');
  }
}

/** A table someone forgot to audit. */
class LooseTable1764000009200 implements MigrationInterface {
  async up(runner: QueryRunner) {
    await runner.query('CREATE TABLE loose_note (id int PRIMARY KEY, note text)');
  }

  async down(runner: QueryRunner) {
    await runner.query('DROP TABLE loose_note');
  }
}

/** A table audited, then its inserts' trigger dropped: its inserts would go unrecorded. */
class HalfAuditedTable1764000009250 implements MigrationInterface {
  async up(runner: QueryRunner) {
    await runner.query('CREATE TABLE half_note (id int PRIMARY KEY, note text)');
    await auditTables(runner, [{ table: 'half_note' }]);
    await runner.query('DROP TRIGGER audit_capture_inserts ON half_note');
  }

  async down(runner: QueryRunner) {
    await runner.query('DROP TABLE half_note');
  }
}

/** A table left out on purpose, saying why. */
class SecretTable1764000009300 implements MigrationInterface {
  async up(runner: QueryRunner) {
    await runner.query('CREATE TABLE specimen_secret (id int PRIMARY KEY, secret text)');
    await leaveOutOfAuditTrail(runner, 'specimen_secret', "secrets must never reach an audit record; it's keyed like specimen");
  }

  async down(runner: QueryRunner) {
    await runner.query('DROP TABLE specimen_secret');
  }
}

const TRIAL = 'NCT02491658';
const DATA_MANAGER = { correlationId: 'corr-dm', actor: { subject: 'dm-1', role: 'data-manager' as const } };

describe('the audit trail on a real PostgreSQL', () => {
  const database = `trialstream_it_audit_${uniqueSuffix()}`;
  const ownerUrl = `${POSTGRES_URL}/${database}`;
  const runtimeUrl = runtimeDatabaseUrl('audit-it', ownerUrl);
  const upgraded = `${database}_upgraded`;
  let owner: DataSource;
  let runtime: DataSource;

  const verify = () => verifyAuditChain((sql, params) => owner.query(sql, params));
  const expectIntact = async () => expect((await verify()).broken).toBeUndefined();
  const records = (): Promise<Record<string, any>[]> => owner.query('SELECT * FROM audit_record ORDER BY sequence'); // eslint-disable-line @typescript-eslint/no-explicit-any
  const lastSequence = async () => Number((await owner.query('SELECT coalesce(max(sequence), 0) AS n FROM audit_record'))[0].n);
  const collect = (tx: EntityManager, specimenId: string, subjectId = 'S-001', note: string | null = null) =>
    tx.query(`INSERT INTO specimen (trial_id, specimen_id, subject_id, status, note) VALUES ($1, $2, $3, 'COLLECTED', $4)`, [TRIAL, specimenId, subjectId, note]);
  /** As the superuser, with triggers off for the transaction: what someone with the keys to the server could do. */
  const tamper = (sql: string, params: unknown[] = []) =>
    owner.transaction(async (tx) => {
      await tx.query('SET LOCAL session_replication_role = replica');
      await tx.query(sql, params);
    });

  beforeAll(async () => {
    await prepareDatabase({ ownerUrl, runtimeUrl, migrations: [Specimens1764000009100] });
    owner = await new DataSource({ type: 'postgres', url: ownerUrl }).initialize();
    runtime = await new DataSource({ type: 'postgres', url: runtimeUrl, poolSize: 10 }).initialize();
    runtime.subscribers.push(new AuditContextSubscriber());
  });

  afterAll(async () => {
    await runtime?.destroy();
    await owner?.destroy();
    await dropDatabases([database, upgraded]);
  });

  it('records every change in its own transaction: who, when, what, the row before and after, the reason and the correlation', async () => {
    const details = { volumeMl: 1.5, tubes: [1, 2], label: 'tube "A"\\B', nested: { empty: {}, none: null } };
    await runWithCorrelation(DATA_MANAGER, () =>
      runtime.transaction(async (tx) => {
        // A verb named for a column ("annotated") is for an update: the insert is named by its status.
        await collect(tx, 'SP-1', 'S-001', 'taken at the site');
        await tx.query(`UPDATE specimen SET note = $3, details = $4 WHERE trial_id = $1 AND specimen_id = $2`, [TRIAL, 'SP-1', 'line 1\nline 2\t"quoted" é ✓ \u0001', details]);
        await tx.query(`UPDATE specimen SET note = note WHERE trial_id = $1`, [TRIAL]); // changes nothing: no record
      }),
    );
    await runWithCorrelation({ correlationId: 'corr-2', actor: { subject: 'enrollment', role: 'service' } }, () =>
      runtime.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO specimen (trial_id, specimen_id, subject_id, status) VALUES ($1, 'SP-1', 'S-001', 'RECEIVED')
           ON CONFLICT (trial_id, specimen_id) DO UPDATE SET status = EXCLUDED.status`,
          [TRIAL],
        );
        await tx.query(`UPDATE specimen SET status = 'DISCARDED', discard_reason = 'haemolysed' WHERE specimen_id = 'SP-1'`);
        await tx.query(`DELETE FROM specimen WHERE specimen_id = 'SP-1'`);
      }),
    );

    const written = await records();
    expect(written.map((r) => [Number(r.sequence), r.action, r.actor_subject, r.actor_role, r.correlation_id, r.reason])).toEqual([
      [1, 'collected', 'dm-1', 'data-manager', 'corr-dm', null],
      [2, 'annotated', 'dm-1', 'data-manager', 'corr-dm', null],
      [3, 'received', 'enrollment', 'service', 'corr-2', null],
      [4, 'discarded', 'enrollment', 'service', 'corr-2', 'haemolysed'],
      [5, 'deleted', 'enrollment', 'service', 'corr-2', null],
    ]);
    expect(written[0]).toMatchObject({ entity: 'specimen', entity_id: `${TRIAL}/SP-1`, trial_id: TRIAL, subject_id: 'S-001', before: null });
    expect(written[1].before).toMatchObject({ note: 'taken at the site', details: null });
    expect(written[1].after).toMatchObject({ note: 'line 1\nline 2\t"quoted" é ✓ \u0001', details });
    expect(written[2].before.status).toBe('COLLECTED');
    expect(written[2].after.status).toBe('RECEIVED');
    expect(written[4]).toMatchObject({ before: { status: 'DISCARDED', discard_reason: 'haemolysed' }, after: null });
    expect(written.map((r) => r.previous_hash).slice(1)).toEqual(written.map((r) => r.hash).slice(0, -1));
    // The verifier's own canonical text gives the hashes PostgreSQL computed, odd characters and all.
    expect(await verify()).toEqual({ records: 5, lastHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('records each row of a many-row insert, in the order inserted, whether or not the transaction changed something before', async () => {
    const before = await lastSequence();
    const insertMany = (tx: EntityManager, ids: string[]) =>
      tx.query(
        `INSERT INTO specimen (trial_id, specimen_id, subject_id, status, discard_reason)
         SELECT $1, id, 'S-' || id, CASE WHEN id LIKE '%x' THEN 'DISCARDED' ELSE 'COLLECTED' END, CASE WHEN id LIKE '%x' THEN 'clotted' END
           FROM unnest($2::text[]) WITH ORDINALITY AS i(id, n) ORDER BY n`,
        [TRIAL, ids],
      );
    await runWithCorrelation(DATA_MANAGER, () => runtime.transaction((tx) => insertMany(tx, ['M-3', 'M-1x', 'M-2'])));
    await runWithCorrelation(DATA_MANAGER, () =>
      runtime.transaction(async (tx) => {
        await tx.query(`UPDATE specimen SET note = 'first' WHERE specimen_id = 'M-3'`);
        await insertMany(tx, ['M-5', 'M-4x']);
      }),
    );

    const written = (await records()).filter((r) => Number(r.sequence) > before);
    expect(written.map((r) => [r.entity_id, r.action, r.reason, r.subject_id, r.actor_subject, r.correlation_id])).toEqual([
      [`${TRIAL}/M-3`, 'collected', null, 'S-M-3', 'dm-1', 'corr-dm'],
      [`${TRIAL}/M-1x`, 'discarded', 'clotted', 'S-M-1x', 'dm-1', 'corr-dm'],
      [`${TRIAL}/M-2`, 'collected', null, 'S-M-2', 'dm-1', 'corr-dm'],
      [`${TRIAL}/M-3`, 'annotated', null, 'S-M-3', 'dm-1', 'corr-dm'],
      [`${TRIAL}/M-5`, 'collected', null, 'S-M-5', 'dm-1', 'corr-dm'],
      [`${TRIAL}/M-4x`, 'discarded', 'clotted', 'S-M-4x', 'dm-1', 'corr-dm'],
    ]);
    expect(written[1]).toMatchObject({ entity: 'specimen', trial_id: TRIAL, before: null, after: { specimen_id: 'M-1x', status: 'DISCARDED', discard_reason: 'clotted', note: null } });
    expect((await owner.query('SELECT count(*)::int AS n FROM audit_pending'))[0].n).toBe(0);
    await expectIntact();
  });

  it("names an inserted row by its status and records its reason; a table without trial or subject records neither", async () => {
    const before = await lastSequence();
    await runtime.transaction(async (tx) => {
      await tx.query(`INSERT INTO specimen (trial_id, specimen_id, subject_id, status, note, discard_reason) VALUES ($1, 'SP-LOST', 'S-002', 'LOST', 'n', 'never arrived')`, [TRIAL]);
      await tx.query(`INSERT INTO freezer (freezer_id, rack) VALUES (7, 'B'), (8, NULL)`);
    });
    expect(await owner.query('SELECT entity, entity_id, action, trial_id, subject_id, reason, after FROM audit_record WHERE sequence > $1 ORDER BY sequence', [before])).toEqual([
      { entity: 'specimen', entity_id: `${TRIAL}/SP-LOST`, action: 'lost', trial_id: TRIAL, subject_id: 'S-002', reason: 'never arrived', after: expect.objectContaining({ status: 'LOST', note: 'n' }) },
      { entity: 'freezer', entity_id: '7', action: 'created', trial_id: null, subject_id: null, reason: null, after: { freezer_id: 7, rack: 'B' } },
      { entity: 'freezer', entity_id: '8', action: 'created', trial_id: null, subject_id: null, reason: null, after: { freezer_id: 8, rack: null } },
    ]);
    await expectIntact();
  });

  it('keeps a json column as written, spacing and \\u0000 included, and records an update that changes only its text', async () => {
    const report = ' {"b" : "\\u00e9\\u0000",  "a":1} ';
    const before = await lastSequence();
    await runtime.transaction(async (tx) => {
      await tx.query(`INSERT INTO specimen (trial_id, specimen_id, subject_id, status, lab_report) VALUES ($1, 'SP-JSON', 'S-003', 'COLLECTED', $2::json)`, [TRIAL, report]);
      await tx.query(`UPDATE specimen SET status = 'RECEIVED' WHERE specimen_id = 'SP-JSON'`);
      await tx.query(`UPDATE specimen SET lab_report = $1::json WHERE specimen_id = 'SP-JSON'`, [report.trim()]);
    });
    const written = await owner.query(`SELECT action, before::text AS before, after::text AS after FROM audit_record WHERE sequence > $1 ORDER BY sequence`, [before]);
    expect(written.map((r: { action: string }) => r.action)).toEqual(['collected', 'received', 'updated']);
    expect(written[0].after).toContain(`"lab_report":${report}`);
    expect(written[2]).toMatchObject({ before: expect.stringContaining(`"lab_report":${report}`), after: expect.stringContaining(`"lab_report":${report.trim()}`) });
    await expectIntact();
  });

  it('refuses to prepare a database whose hstore extension is outside the schema the audit functions search', async () => {
    const elsewhere = `${database}_hstore`;
    try {
      await ensureDatabase(`${POSTGRES_URL}/${elsewhere}`);
      const admin = await new DataSource({ type: 'postgres', url: `${POSTGRES_URL}/${elsewhere}` }).initialize();
      await admin.query('CREATE SCHEMA extensions').then(() => admin.query('CREATE EXTENSION hstore SCHEMA extensions')).finally(() => admin.destroy());
      await expect(prepareDatabase({ ownerUrl: `${POSTGRES_URL}/${elsewhere}`, runtimeUrl, migrations: [Specimens1764000009100] })).rejects.toThrow(
        'the hstore extension is installed outside the public schema',
      );
    } finally {
      await dropDatabases([elsewhere]);
    }
  });

  it('refuses to prepare a database with a table that has no audit trail', async () => {
    const forgetful = `${database}_loose`;
    try {
      await expect(prepareDatabase({ ownerUrl: `${POSTGRES_URL}/${forgetful}`, runtimeUrl, migrations: [Specimens1764000009100, LooseTable1764000009200] })).rejects.toThrow(
        'tables without an audit trail: loose_note (call auditTables, or leaveOutOfAuditTrail saying why, in a migration)',
      );
    } finally {
      await dropDatabases([forgetful]);
    }
  });

  it('refuses a table whose inserts are not captured, though its updates and deletes are', async () => {
    const half = `${database}_half`;
    try {
      await expect(prepareDatabase({ ownerUrl: `${POSTGRES_URL}/${half}`, runtimeUrl, migrations: [Specimens1764000009100, HalfAuditedTable1764000009250] })).rejects.toThrow(
        'tables without an audit trail: half_note',
      );
    } finally {
      await dropDatabases([half]);
    }
  });

  it('prepares a database with a table left out of the audit trail on purpose, and records none of its changes', async () => {
    const deliberate = `${database}_deliberate`;
    try {
      await prepareDatabase({ ownerUrl: `${POSTGRES_URL}/${deliberate}`, runtimeUrl, migrations: [Specimens1764000009100, SecretTable1764000009300] });
      const ds = await new DataSource({ type: 'postgres', url: `${POSTGRES_URL}/${deliberate}` }).initialize();
      try {
        await ds.query(`INSERT INTO specimen_secret VALUES (1, 's3cret')`);
        expect(await ds.query('SELECT count(*)::int AS n FROM audit_record')).toEqual([{ n: 0 }]);
      } finally {
        await ds.destroy();
      }
    } finally {
      await dropDatabases([deliberate]);
    }
  });

  it('is append-only: a trigger refuses UPDATE, DELETE and TRUNCATE of audit records, even to the owner', async () => {
    await expect(owner.query(`UPDATE audit_record SET reason = 'rewritten' WHERE sequence = 1`)).rejects.toThrow('audit records are append-only: UPDATE of audit_record refused');
    await expect(owner.query(`DELETE FROM audit_record WHERE sequence = 1`)).rejects.toThrow('append-only: DELETE');
    await expect(owner.query(`TRUNCATE audit_record`)).rejects.toThrow('append-only: TRUNCATE');
    await expectIntact();
  });

  it("runs the service as a role that may read the audit trail but neither write, change nor unprotect it", async () => {
    expect(await runtime.query('SELECT rolsuper, rolcreaterole FROM pg_roles WHERE rolname = current_user')).toEqual([{ rolsuper: false, rolcreaterole: false }]);
    expect((await runtime.query('SELECT count(*)::int AS n FROM audit_record'))[0].n).toBeGreaterThan(0);
    for (const sql of [
      `UPDATE audit_record SET reason = 'x'`,
      `DELETE FROM audit_record`,
      `TRUNCATE audit_record`,
      `INSERT INTO audit_record SELECT * FROM audit_record LIMIT 1`,
      `INSERT INTO audit_pending (recorded_at, entity, entity_id, action) VALUES (now(), 'specimen', 'forged', 'created')`,
      `UPDATE audit_chain_head SET last_sequence = 0`,
    ]) {
      await expect(runtime.query(sql)).rejects.toThrow(/permission denied/);
    }
    await expect(runtime.query('ALTER TABLE audit_record DISABLE TRIGGER audit_record_append_only')).rejects.toThrow(/must be owner/);
    await expect(runtime.query('ALTER TABLE specimen DISABLE TRIGGER audit_capture')).rejects.toThrow(/must be owner/);
  });

  it('leaves neither a record nor a gap in the numbers after a transaction rolls back', async () => {
    const before = await lastSequence();
    await expect(
      runWithCorrelation(DATA_MANAGER, () =>
        runtime.transaction(async (tx) => {
          await collect(tx, 'SP-ROLLED-BACK');
          throw new Error('the command failed after its write');
        }),
      ),
    ).rejects.toThrow('the command failed');
    expect(await lastSequence()).toBe(before);
    await runWithCorrelation(DATA_MANAGER, () => runtime.transaction((tx) => collect(tx, 'SP-2')));
    const [next] = await owner.query('SELECT sequence, entity_id FROM audit_record WHERE sequence > $1', [before]);
    expect(next).toEqual({ sequence: String(before + 1), entity_id: `${TRIAL}/SP-2` });
    expect(await owner.query('SELECT * FROM audit_pending')).toEqual([]);
    await expectIntact();
  });

  it('records what a transaction kept, not what it rolled back to a savepoint, whichever change came first', async () => {
    const before = await lastSequence();
    await runWithCorrelation(DATA_MANAGER, () =>
      runtime.transaction(async (tx) => {
        await tx.query('SAVEPOINT first_change');
        await collect(tx, 'SP-SAVEPOINT-DROPPED-1');
        await tx.query('ROLLBACK TO SAVEPOINT first_change');
        await collect(tx, 'SP-SAVEPOINT-KEPT');
        await tx.query('SAVEPOINT later_change');
        await collect(tx, 'SP-SAVEPOINT-DROPPED-2');
        await tx.query('ROLLBACK TO SAVEPOINT later_change');
      }),
    );
    expect(await owner.query('SELECT sequence, entity_id FROM audit_record WHERE sequence > $1', [before])).toEqual([
      { sequence: String(before + 1), entity_id: `${TRIAL}/SP-SAVEPOINT-KEPT` },
    ]);
    expect(await owner.query('SELECT * FROM audit_pending')).toEqual([]);
    await expectIntact();
  });

  it('keeps one unbroken chain while transactions commit concurrently', async () => {
    const before = await lastSequence();
    await Promise.all(
      Array.from({ length: 24 }, (_, t) =>
        runWithCorrelation({ correlationId: `corr-concurrent-${t}` }, () =>
          runtime.transaction(async (tx) => {
            for (let s = 0; s < 3; s++) {
              await collect(tx, `SP-C-${t}-${s}`, `S-${t}`);
              await tx.query('SELECT pg_sleep(random() * 0.01)');
            }
          }),
        ),
      ),
    );
    expect(await lastSequence()).toBe(before + 72);
    const perTransaction = await owner.query(
      `SELECT correlation_id, array_agg(sequence ORDER BY sequence)::bigint[] AS sequences FROM audit_record WHERE sequence > $1 GROUP BY correlation_id`,
      [before],
    );
    // Each transaction's records are consecutive: chained together at its commit.
    for (const { sequences } of perTransaction) expect(Number(sequences[2]) - Number(sequences[0])).toBe(2);
    expect(await verify()).toEqual({ records: before + 72, lastHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('puts the shared pending table and its functions back where the reverted per-session migration had taken them away', async () => {
    // What AuditPendingPerSession1764000000009 left: no shared table, a helper, functions that write elsewhere (here: that fail).
    await owner.query('DROP TABLE public.audit_pending');
    await owner.query(`CREATE FUNCTION audit_pending_ready() RETURNS void LANGUAGE sql AS 'SELECT'`);
    for (const fn of ['audit_capture', 'audit_capture_inserts', 'audit_chain_pending']) {
      await owner.query(`CREATE OR REPLACE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'per-session audit function'; END $$`);
    }
    await owner.query(`UPDATE migrations SET timestamp = 1764000000009, name = 'AuditPendingPerSession1764000000009' WHERE name = 'AuditPendingShared1764000000012'`);
    // That migration ran before AuditJsonText was written: a database it left has not had AuditJsonText either.
    await owner.query(`DELETE FROM migrations WHERE name = 'AuditJsonText1764000000013'`);
    await expect(runtime.transaction((tx) => collect(tx, 'SP-STRANDED'))).rejects.toThrow('per-session audit function');

    // As a service starting on this database would: grants included, which needed the table.
    expect((await prepareDatabase({ ownerUrl, runtimeUrl, migrations: [Specimens1764000009100] })).map((m) => m.name)).toEqual(['AuditPendingShared1764000000012', 'AuditJsonText1764000000013']);
    expect(await owner.query(`SELECT to_regprocedure('audit_pending_ready()') AS helper`)).toEqual([{ helper: null }]);
    expect(await owner.query(`SELECT name FROM migrations WHERE name LIKE 'AuditPending%'`)).toEqual([{ name: 'AuditPendingShared1764000000012' }]);
    expect(await owner.query(`SELECT indexdef FROM pg_indexes WHERE indexname = 'audit_pending_xact'`)).toEqual([{ indexdef: expect.stringContaining('(xact, id)') }]);
    expect(await owner.query(`SELECT reloptions AS options FROM pg_class WHERE oid = 'audit_pending'::regclass`)).toEqual([{ options: ['toast_tuple_target=8160'] }]);
    await expect(runtime.query(`INSERT INTO audit_pending (recorded_at, entity, entity_id, action, opens) VALUES (now(), 'specimen', 'forged', 'created', true)`)).rejects.toThrow(/permission denied/);

    const before = await lastSequence();
    await runWithCorrelation(DATA_MANAGER, () =>
      runtime.transaction(async (tx) => {
        await collect(tx, 'SP-REPAIRED-1');
        await tx.query(`UPDATE specimen SET status = 'RECEIVED' WHERE specimen_id = 'SP-REPAIRED-1'`);
      }),
    );
    expect(await owner.query('SELECT sequence, entity_id, action FROM audit_record WHERE sequence > $1 ORDER BY sequence', [before])).toEqual([
      { sequence: String(before + 1), entity_id: `${TRIAL}/SP-REPAIRED-1`, action: 'collected' },
      { sequence: String(before + 2), entity_id: `${TRIAL}/SP-REPAIRED-1`, action: 'received' },
    ]);
    expect(await owner.query('SELECT count(*)::int AS n FROM audit_pending')).toEqual([{ n: 0 }]);
    await expectIntact();

    // Where the table is there (every other database), it changes nothing.
    const [{ oid }] = await owner.query(`SELECT 'audit_pending'::regclass::oid AS oid`);
    await owner.query(`DELETE FROM migrations WHERE name = 'AuditPendingShared1764000000012'`);
    await prepareDatabase({ ownerUrl, runtimeUrl, migrations: [Specimens1764000009100] });
    expect(await owner.query(`SELECT 'audit_pending'::regclass::oid AS oid`)).toEqual([{ oid }]);
  });

  it('keeps the hashes of records written while values were kept as jsonb, and chains on after them as JSON text', async () => {
    // A database of the build before AuditJsonText, with records, then prepared by this build.
    const upgradedUrl = `${POSTGRES_URL}/${upgraded}`;
    await ensureDatabase(upgradedUrl);
    const earlier = await new DataSource({ type: 'postgres', url: upgradedUrl, poolSize: 1, migrations: [...PLATFORM_MIGRATIONS.filter((m) => m !== AuditJsonText1764000000013), Specimens1764000009100] }).initialize();
    const change = (dataSource: DataSource, specimenId: string) =>
      dataSource.transaction(async (tx) => {
        await collect(tx, specimenId, 'S-009');
        await tx.query(`UPDATE specimen SET details = $2 WHERE specimen_id = $1`, [specimenId, { zz: 'é "q"', aa: [1, {}] }]);
      });
    try {
      await earlier.runMigrations();
      // Several commits: the session has plans cached for jsonb when the columns change under it.
      for (const n of [1, 2, 3, 4, 5, 6]) await change(earlier, `SP-EARLIER-${n}`);
      await change(earlier, 'SP-JSONB');
      const hashes = async () => (await earlier.query('SELECT sequence, hash FROM audit_record ORDER BY sequence')) as { sequence: string; hash: string }[];
      const earlierHashes = await hashes();
      expect(await prepareDatabase({ ownerUrl: upgradedUrl, runtimeUrl: runtimeDatabaseUrl('audit-it', upgradedUrl), migrations: [Specimens1764000009100] })).toEqual([expect.objectContaining({ name: 'AuditJsonText1764000000013' })]);
      expect(await hashes()).toEqual(earlierHashes);
      // A session opened before the upgrade goes on writing.
      await change(earlier, 'SP-TEXT');

      const afterText = async (specimenId: string) =>
        (await earlier.query(`SELECT after::text AS text FROM audit_record WHERE entity_id = $1 ORDER BY sequence`, [`${TRIAL}/${specimenId}`])).map((r: { text: string }) => r.text);
      // jsonb's rendering (a space after each colon), then to_json's (column order; the jsonb column as jsonb renders it).
      expect(await afterText('SP-JSONB')).toEqual([expect.stringMatching(/^{"note": null, "status": "COLLECTED"/), expect.stringContaining('"details": {"aa": [1, {}], "zz": "é \\"q\\""}')]);
      expect(await afterText('SP-TEXT')).toEqual([expect.stringMatching(/^{"trial_id":"NCT02491658","specimen_id":"SP-TEXT"/), expect.stringContaining('"details":{"aa": [1, {}], "zz": "é \\"q\\""}')]);
      expect(await verifyAuditChain((sql, params) => earlier.query(sql, params))).toEqual({ records: 16, lastHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    } finally {
      await earlier.destroy();
    }
  });

  it('names exactly the record edited or deleted behind its back', async () => {
    const [edited] = await owner.query(`SELECT sequence, after::text AS after FROM audit_record WHERE entity_id = $1`, [`${TRIAL}/SP-2`]);
    const k = Number(edited.sequence);
    // One value changed, every other character of the stored text kept.
    await tamper(`UPDATE audit_record SET after = replace(after::text, '"status":"COLLECTED"', '"status":"RECEIVED"')::json WHERE sequence = $1`, [k]);
    expect((await owner.query('SELECT after::text AS after FROM audit_record WHERE sequence = $1', [k]))[0].after).toBe(edited.after.replace('"status":"COLLECTED"', '"status":"RECEIVED"'));
    expect(edited.after).toContain('"status":"COLLECTED"');
    expect(await verify()).toMatchObject({ broken: { sequence: k, reason: expect.stringMatching(/^hash mismatch/) } });

    // Whoever recomputes the edited record's hash breaks the next link instead.
    const [row] = await owner.query(`SELECT *, before::text AS before_text, after::text AS after_text FROM audit_record WHERE sequence = $1`, [k]);
    const rehashed = recordHash({
      sequence: k, recordedAt: row.recorded_at, actorSubject: row.actor_subject, actorRole: row.actor_role, entity: row.entity, entityId: row.entity_id,
      action: row.action, trialId: row.trial_id, subjectId: row.subject_id, beforeText: row.before_text, afterText: row.after_text, reason: row.reason,
      correlationId: row.correlation_id, previousHash: row.previous_hash,
    });
    await tamper(`UPDATE audit_record SET hash = $2 WHERE sequence = $1`, [k, rehashed]);
    expect(await verify()).toMatchObject({ broken: { sequence: k + 1, reason: expect.stringMatching(/^wrong previous hash/) } });

    await tamper(`UPDATE audit_record SET after = $2::json, hash = $3 WHERE sequence = $1`, [k, edited.after, row.hash]);
    await expectIntact();

    // Kept aside exactly as stored (its JSON text included), to be put back.
    const remove = (sequence: number) => tamper(`CREATE TABLE removed_${sequence} AS SELECT * FROM audit_record WHERE sequence = ${sequence}; DELETE FROM audit_record WHERE sequence = ${sequence}`);
    const putBack = (sequence: number) => tamper(`INSERT INTO audit_record SELECT * FROM removed_${sequence}; DROP TABLE removed_${sequence}`);
    await remove(3);
    expect(await verify()).toMatchObject({ broken: { sequence: 3, reason: 'missing record: the chain goes from record 2 to record 4' } });
    await putBack(3);
    await expectIntact();

    await remove(1);
    expect(await verify()).toMatchObject({ broken: { sequence: 1, reason: 'missing record: the chain starts at record 2' } });
    await putBack(1);

    const last = await lastSequence();
    await tamper('DELETE FROM audit_record WHERE sequence = $1', [last]);
    expect(await verify()).toMatchObject({ broken: { sequence: last, reason: `missing record: the chain ends at record ${last - 1} but its head counts ${last}` } });
  });
});
