import type { MigrationInterface, QueryRunner } from 'typeorm';
import { storeUncompressed } from '../database/row-storage';
import { CAPTURE_INSERTS_INTO_SHARED_PENDING } from './audit-capture-inserts.migration';
import { CAPTURE_INTO_SHARED_PENDING, CHAIN_SHARED_PENDING, SHARED_PENDING_COMMIT_TRIGGER, SHARED_PENDING_INDEX, SHARED_PENDING_TABLE } from './audit-trail.migration';

/**
 * The changes a transaction has captured but not yet chained now wait in a temporary table of the
 * session (made by the audit trail's owner on the session's first audited change, emptied at every
 * commit) instead of a shared unlogged one. Every captured row was written to, and at commit deleted
 * from, a table nothing vacuumed where autovacuum is off or behind: it grew by about 4 kB per audited
 * row, all of it through the shared buffers. The owner makes the table, so the service's role can
 * neither write nor delete its rows; a session that made a table of that name itself cannot write
 * audited tables at all. Records, their order and their hashes are as before.
 */
export class AuditPendingPerSession1764000000009 implements MigrationInterface {
  name = 'AuditPendingPerSession1764000000009';

  async up(runner: QueryRunner): Promise<void> {
    // Qualified: a temporary table of that name in this session would be found first.
    await runner.query('DROP TABLE public.audit_pending');
    // Rows up to a page's size stay uncompressed (row-storage.ts): they live until the commit only.
    await runner.query(`
      CREATE FUNCTION audit_pending_ready() RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        made_by oid := (SELECT relowner FROM pg_class WHERE oid = to_regclass('pg_temp.audit_pending'));
      BEGIN
        IF made_by IS NULL THEN
          CREATE TEMPORARY TABLE audit_pending (
            id             bigserial PRIMARY KEY,
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
          ) WITH (toast_tuple_target = 8160) ON COMMIT DELETE ROWS;
          CREATE CONSTRAINT TRIGGER audit_chain_at_commit AFTER INSERT ON pg_temp.audit_pending
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.opens) EXECUTE FUNCTION public.audit_chain_pending();
        ELSIF made_by <> (SELECT oid FROM pg_roles WHERE rolname = current_user) THEN
          RAISE EXCEPTION 'this session made a table named audit_pending itself: its changes cannot be audited, so none is allowed';
        END IF;
      END $$`);

    // As in audit-trail.migration.ts, reading and writing the session's table.
    await runner.query(`
      CREATE OR REPLACE FUNCTION audit_capture() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        old_row jsonb;
        new_row jsonb;
        context jsonb := nullif(current_setting('trialstream.audit_context', true), '')::jsonb;
        action text := CASE TG_OP WHEN 'INSERT' THEN 'created' WHEN 'UPDATE' THEN 'updated' ELSE 'deleted' END;
        reason text;
        entry text;
        col text;
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
        PERFORM audit_pending_ready();
        -- The table holds this transaction's changes only: empty, this one opens it.
        INSERT INTO pg_temp.audit_pending (opens, recorded_at, actor_subject, actor_role, entity, entity_id, action, trial_id, subject_id, before, after, reason, correlation_id)
        VALUES (NOT EXISTS (SELECT 1 FROM pg_temp.audit_pending),
          date_trunc('milliseconds', clock_timestamp()), context->>'subject', context->>'role', TG_TABLE_NAME,
          (SELECT string_agg(coalesce(new_row, old_row)->>k.name, '/' ORDER BY k.n) FROM unnest(string_to_array(TG_ARGV[0], ',')) WITH ORDINALITY AS k(name, n)),
          action, coalesce(new_row, old_row)->>'trial_id', coalesce(new_row, old_row)->>'subject_id', old_row, new_row, reason, context->>'correlationId');
        RETURN NULL;
      END $$`);

    // As in audit-capture-inserts.migration.ts, writing the session's table.
    await runner.query(`
      CREATE OR REPLACE FUNCTION audit_capture_inserts() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        context jsonb := nullif(current_setting('trialstream.audit_context', true), '')::jsonb;
        keys text[] := string_to_array(TG_ARGV[0], ',');
        verbs text[] := string_to_array(TG_ARGV[1], ',');
        reasons text[] := string_to_array(TG_ARGV[2], ',');
        opens boolean;
      BEGIN
        PERFORM audit_pending_ready();
        opens := NOT EXISTS (SELECT 1 FROM pg_temp.audit_pending);
        INSERT INTO pg_temp.audit_pending (opens, recorded_at, actor_subject, actor_role, entity, entity_id, action, trial_id, subject_id, before, after, reason, correlation_id)
        SELECT opens AND i.n = 1, date_trunc('milliseconds', clock_timestamp()), context->>'subject', context->>'role', TG_TABLE_NAME,
          (SELECT string_agg(i.r->>k.name, '/' ORDER BY k.n) FROM unnest(keys) WITH ORDINALITY AS k(name, n)),
          coalesce((SELECT lower(i.r->>v.name) FROM unnest(verbs) WITH ORDINALITY AS v(name, n)
                     WHERE strpos(v.name, '=') = 0 AND i.r->>v.name IS NOT NULL ORDER BY v.n LIMIT 1), 'created'),
          i.r->>'trial_id', i.r->>'subject_id', NULL, i.r,
          (SELECT i.r->>c.name FROM unnest(reasons) WITH ORDINALITY AS c(name, n) WHERE i.r->>c.name IS NOT NULL ORDER BY c.n LIMIT 1),
          context->>'correlationId'
        FROM (SELECT to_jsonb(t) AS r, row_number() OVER () AS n FROM new_rows t) i
        ORDER BY i.n;
        RETURN NULL;
      END $$`);

    // As in audit-trail.migration.ts. The rows are deleted, not left to the commit's emptying: a
    // change made after this ran (by another deferred trigger) must open the table again.
    await runner.query(`
      CREATE OR REPLACE FUNCTION audit_chain_pending() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        head audit_chain_head;
        pending record;
        chained audit_record;
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_temp.audit_pending) THEN RETURN NULL; END IF;
        SELECT * INTO head FROM audit_chain_head FOR UPDATE;
        FOR pending IN SELECT * FROM pg_temp.audit_pending ORDER BY id LOOP
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
        DELETE FROM pg_temp.audit_pending;
        UPDATE audit_chain_head SET last_sequence = head.last_sequence, last_hash = head.last_hash;
        RETURN NULL;
      END $$`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(SHARED_PENDING_TABLE);
    await runner.query(SHARED_PENDING_INDEX);
    await storeUncompressed(runner, 'audit_pending');
    for (const sql of [CAPTURE_INTO_SHARED_PENDING, CAPTURE_INSERTS_INTO_SHARED_PENDING, CHAIN_SHARED_PENDING, SHARED_PENDING_COMMIT_TRIGGER]) await runner.query(sql);
    await runner.query('DROP FUNCTION audit_pending_ready()');
  }
}
