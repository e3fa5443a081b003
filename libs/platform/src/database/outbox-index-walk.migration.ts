import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The relay's two queries of unpublished rows, as functions that walk the unpublished-rows index in
 * order. Every row marked published leaves a dead entry in that partial index until VACUUM. A
 * plain index scan marks such an entry once and skips it after; a bitmap scan, which the planner
 * picks while the table has no statistics, visits every dead row's page again on every pass. With
 * autovacuum off (as on the development machines) or behind, after 30,000 screenings one relay pass
 * took 10 ms of PostgreSQL's time and the backlog gauge 31 ms, a pass every few events; walking the
 * index, well under 1 ms. The settings apply inside the functions only. A dead entry is skipped
 * for good only once no open transaction can still see its row, so a long transaction delays
 * that; and a large backlog (after a broker outage) is counted row by row once a second. Neither
 * replaces VACUUM, which autovacuum does where it is on.
 */
export class OutboxIndexWalk1764000000008 implements MigrationInterface {
  name = 'OutboxIndexWalk1764000000008';

  async up(runner: QueryRunner): Promise<void> {
    // event_version and correlation_id are empty on rows an earlier build wrote: read from the envelope then.
    await runner.query(`
      CREATE FUNCTION outbox_unpublished(max_rows int)
        RETURNS TABLE ("position" bigint, event_id uuid, event_type text, event_version int, correlation_id text, topic text, message_key text, value text)
        LANGUAGE sql STABLE SET enable_bitmapscan = off SET enable_seqscan = off AS $$
        SELECT o.position, o.event_id, o.event_type, coalesce(o.event_version, (o.envelope->>'version')::int),
               coalesce(o.correlation_id, o.envelope->>'correlationId'), o.topic, o.message_key, o.envelope::text
          FROM outbox_message o
         WHERE o.published_at IS NULL AND o.set_aside_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM outbox_message held
                            WHERE held.set_aside_at IS NOT NULL AND held.published_at IS NULL
                              AND held.topic = o.topic AND held.message_key = o.message_key)
         ORDER BY o.position LIMIT max_rows
      $$`);
    await runner.query(`
      CREATE FUNCTION outbox_backlog(OUT pending int, OUT set_aside int)
        LANGUAGE sql STABLE SET enable_bitmapscan = off SET enable_seqscan = off AS $$
        SELECT count(*) FILTER (WHERE set_aside_at IS NULL)::int, count(*) FILTER (WHERE set_aside_at IS NOT NULL)::int
          FROM outbox_message WHERE published_at IS NULL
      $$`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP FUNCTION outbox_unpublished(int), outbox_backlog()');
  }
}
