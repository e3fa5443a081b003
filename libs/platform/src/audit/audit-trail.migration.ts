import type { MigrationInterface, QueryRunner } from 'typeorm';
import { GENESIS_HASH } from './canonical';

// The pending table shared by all sessions and the functions that use it, as this migration makes
// them and AuditPendingShared1764000000012 makes them again where a reverted migration had
// replaced them. The table only ever holds rows of transactions in flight: nothing in it needs to
// survive a crash.
export const SHARED_PENDING_TABLE = `
      CREATE UNLOGGED TABLE audit_pending (
        id             bigserial PRIMARY KEY,
        xact           xid8 NOT NULL DEFAULT pg_current_xact_id(),
        opens          boolean NOT NULL,  -- the transaction's first change since it was last chained
        recorded_at    timestamptz NOT NULL,
        actor_subject  text,
        actor_role     text,
        entity         text NOT NULL,
        entity_id      text NOT NULL,
        action         text NOT NULL,
        trial_id       text,
        subject_id     text,
        before         jsonb,
        after          jsonb,
        reason         text,
        correlation_id text
      )`;
export const SHARED_PENDING_INDEX = `CREATE INDEX audit_pending_xact ON audit_pending (xact, id)`;
// TG_ARGV: the key columns; the verb columns, the first one set or changed wins ("column" names
// the action by its new value, "column=verb" by the verb, on an update only); the reason
// columns, the first one set or changed wins.
export const CAPTURE_INTO_SHARED_PENDING = `
      CREATE OR REPLACE FUNCTION audit_capture() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        old_row jsonb;
        new_row jsonb;
        context jsonb := nullif(current_setting('trialstream.audit_context', true), '')::jsonb;
        action text := CASE TG_OP WHEN 'INSERT' THEN 'created' WHEN 'UPDATE' THEN 'updated' ELSE 'deleted' END;
        reason text;
        entry text;
        col text;
        opens boolean;
      BEGIN
        IF TG_OP <> 'INSERT' THEN old_row := to_jsonb(OLD); END IF;
        IF TG_OP <> 'DELETE' THEN new_row := to_jsonb(NEW); END IF;
        IF old_row = new_row THEN RETURN NULL; END IF;
        IF new_row IS NOT NULL THEN
          FOREACH entry IN ARRAY string_to_array(TG_ARGV[1], ',') LOOP
            col := split_part(entry, '=', 1);
            CONTINUE WHEN TG_OP = 'INSERT' AND col <> entry;
            IF new_row->>col IS NOT NULL AND (new_row->col) IS DISTINCT FROM (old_row->col) THEN
              action := coalesce(nullif(split_part(entry, '=', 2), ''), lower(new_row->>col));
              EXIT;
            END IF;
          END LOOP;
          FOREACH col IN ARRAY string_to_array(TG_ARGV[2], ',') LOOP
            IF new_row->>col IS NOT NULL AND (new_row->col) IS DISTINCT FROM (old_row->col) THEN
              reason := new_row->>col;
              EXIT;
            END IF;
          END LOOP;
        END IF;
        -- Whether this transaction has no change waiting yet: read from the table, which the
        -- session cannot touch, not from a setting it could forge to keep its changes unchained.
        opens := NOT EXISTS (SELECT 1 FROM audit_pending WHERE xact = pg_current_xact_id());
        INSERT INTO audit_pending (opens, recorded_at, actor_subject, actor_role, entity, entity_id, action, trial_id, subject_id, before, after, reason, correlation_id)
        VALUES (opens,
          date_trunc('milliseconds', clock_timestamp()), context->>'subject', context->>'role', TG_TABLE_NAME,
          (SELECT string_agg(coalesce(new_row, old_row)->>k.name, '/' ORDER BY k.n) FROM unnest(string_to_array(TG_ARGV[0], ',')) WITH ORDINALITY AS k(name, n)),
          action, coalesce(new_row, old_row)->>'trial_id', coalesce(new_row, old_row)->>'subject_id', old_row, new_row, reason, context->>'correlationId');
        RETURN NULL;
      END $$`;
// Fires at commit once per transaction (on the row that opened it: a firing per row would probe
// the rows already chained and deleted again and again), and again for changes made after it.
export const CHAIN_SHARED_PENDING = `
      CREATE OR REPLACE FUNCTION audit_chain_pending() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        head audit_chain_head;
        pending audit_pending;
        chained audit_record;
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM audit_pending WHERE xact = pg_current_xact_id()) THEN RETURN NULL; END IF;
        SELECT * INTO head FROM audit_chain_head FOR UPDATE;
        FOR pending IN SELECT * FROM audit_pending WHERE xact = pg_current_xact_id() ORDER BY id LOOP
          chained.sequence := head.last_sequence + 1;
          chained.recorded_at := pending.recorded_at;
          chained.actor_subject := pending.actor_subject;
          chained.actor_role := pending.actor_role;
          chained.entity := pending.entity;
          chained.entity_id := pending.entity_id;
          chained.action := pending.action;
          chained.trial_id := pending.trial_id;
          chained.subject_id := pending.subject_id;
          chained.before := pending.before;
          chained.after := pending.after;
          chained.reason := pending.reason;
          chained.correlation_id := pending.correlation_id;
          chained.previous_hash := head.last_hash;
          chained.hash := encode(sha256(convert_to(audit_canonical(chained), 'UTF8')), 'hex');
          INSERT INTO audit_record SELECT chained.*;
          head.last_sequence := chained.sequence;
          head.last_hash := chained.hash;
        END LOOP;
        DELETE FROM audit_pending WHERE xact = pg_current_xact_id();
        UPDATE audit_chain_head SET last_sequence = head.last_sequence, last_hash = head.last_hash;
        RETURN NULL;
      END $$`;
export const SHARED_PENDING_COMMIT_TRIGGER = `
      CREATE CONSTRAINT TRIGGER audit_chain_at_commit AFTER INSERT ON audit_pending
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.opens) EXECUTE FUNCTION audit_chain_pending()`;

/**
 * The audit trail every service keeps of its own database. Triggers on the domain tables (see
 * auditTables) capture each changed row, with the actor and correlation the service set for the
 * transaction (audit-context.ts), into audit_pending. At commit a deferred trigger chains that
 * transaction's changes into audit_record under the chain head's row lock, so the lock is held
 * only while the transaction commits and a rolled-back transaction takes no sequence number.
 * audit_record refuses UPDATE, DELETE and TRUNCATE; the functions run as the tables' owner, so the
 * service's own role needs no right on the audit tables beyond reading audit_record.
 */
export class AuditTrail1764000000003 implements MigrationInterface {
  name = 'AuditTrail1764000000003';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE audit_record (
        sequence       bigint PRIMARY KEY,
        recorded_at    timestamptz NOT NULL,
        actor_subject  text,
        actor_role     text,
        entity         text NOT NULL,
        entity_id      text NOT NULL,
        action         text NOT NULL,
        trial_id       text,
        subject_id     text,
        before         jsonb,
        after          jsonb,
        reason         text,
        correlation_id text,
        previous_hash  text NOT NULL,
        hash           text NOT NULL
      )`);
    await runner.query(`CREATE INDEX audit_record_trial ON audit_record (trial_id, sequence)`);
    await runner.query(`CREATE INDEX audit_record_subject ON audit_record (trial_id, subject_id, sequence)`);
    await runner.query(SHARED_PENDING_TABLE);
    await runner.query(SHARED_PENDING_INDEX);
    await runner.query(`
      CREATE TABLE audit_chain_head (
        only_row      boolean PRIMARY KEY DEFAULT true CHECK (only_row),
        last_sequence bigint NOT NULL,
        last_hash     text NOT NULL
      )`);
    await runner.query(`INSERT INTO audit_chain_head (last_sequence, last_hash) VALUES (0, '${GENESIS_HASH}')`);

    // The text a record's hash is taken over; canonical.ts builds the same text to verify it.
    await runner.query(`
      CREATE FUNCTION audit_canonical(r audit_record) RETURNS text LANGUAGE sql STABLE AS $$
        SELECT jsonb_build_array(
          r.sequence, to_char(r.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          r.actor_subject, r.actor_role, r.entity, r.entity_id, r.action, r.trial_id, r.subject_id,
          r.before, r.after, r.reason, r.correlation_id, r.previous_hash)::text
      $$`);

    await runner.query(CAPTURE_INTO_SHARED_PENDING);
    await runner.query(CHAIN_SHARED_PENDING);
    await runner.query(SHARED_PENDING_COMMIT_TRIGGER);

    await runner.query(`
      CREATE FUNCTION audit_record_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit records are append-only: % of audit_record refused', TG_OP;
      END $$`);
    await runner.query(`CREATE TRIGGER audit_record_append_only BEFORE UPDATE OR DELETE ON audit_record FOR EACH ROW EXECUTE FUNCTION audit_record_refuse()`);
    await runner.query(`CREATE TRIGGER audit_record_no_truncate BEFORE TRUNCATE ON audit_record FOR EACH STATEMENT EXECUTE FUNCTION audit_record_refuse()`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE audit_record, audit_pending, audit_chain_head CASCADE');
    await runner.query('DROP FUNCTION audit_capture(), audit_chain_pending(), audit_record_refuse()');
  }
}
