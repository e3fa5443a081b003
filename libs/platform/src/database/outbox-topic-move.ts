import type { QueryRunner } from 'typeorm';

/**
 * For a migration that follows an event type to a new topic: the rows of that type still waiting
 * in the outbox name the topic they were written for, and the relay sends each to the topic its
 * row names, where the consumers no longer read it. Rows already published stay as they were.
 */
export async function moveUnpublishedEvents(runner: QueryRunner, eventType: string, fromTopic: string, toTopic: string): Promise<number> {
  const [, moved] = await runner.query(
    `UPDATE outbox_message SET topic = $3 WHERE event_type = $1 AND topic = $2 AND published_at IS NULL`,
    [eventType, fromTopic, toTopic],
  );
  return moved;
}
