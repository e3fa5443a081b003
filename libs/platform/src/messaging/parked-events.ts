import type { DataSource, EntityManager } from 'typeorm';
import type { ConsumedMessage } from './consumed-message';

/** A parked message: its original bytes and where it came from, why it waits, and when to try it again. */
export interface ParkedEvent {
  id: string;
  message: ConsumedMessage;
  reason: string;
  parkedAt: Date;
  attempts: number;
}

interface ParkedRow {
  id: string;
  topic: string;
  partition: number;
  message_offset: string;
  message_key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
  reason: string;
  parked_at: Date;
  attempts: number;
}

const keyOf = (message: ConsumedMessage) => message.key?.toString() ?? '';

/**
 * What a parked message holds back: later messages of its key on its topic. Kafka orders a key's
 * messages within a topic only, and a key shared with another topic (a subject's SubjectEnrolled,
 * say, that a parked adverse event of that subject waits for) must not wait behind it.
 */
export const parkingKey = (topic: string, key: string) => `${topic}\u0000${key}`;
export const parkingKeyOf = (message: ConsumedMessage) => parkingKey(message.topic, keyOf(message));

/**
 * Messages a consumer group cannot handle yet (their prerequisite has not arrived), kept in the
 * service's database so the partition moves on. Later messages of a parked key on the same topic
 * park behind it, so one key's events are still handled in order.
 */
export class ParkedEvents {
  constructor(
    private readonly dataSource: DataSource,
    private readonly consumerGroup: string,
  ) {}

  async park(tx: EntityManager, message: ConsumedMessage, reason: string, retryInMs: number): Promise<void> {
    await tx.query(
      `INSERT INTO parked_event (consumer_group, topic, partition, message_offset, message_key, value, headers, reason, next_attempt_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now() + make_interval(secs => $9))`,
      [
        this.consumerGroup, message.topic, message.partition, message.offset, keyOf(message), message.value,
        JSON.stringify(Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]))),
        reason, retryInMs / 1000,
      ],
    );
  }

  /** Which of these messages' keys have a message parked on their topic (theirs must wait behind it), by parkingKey. */
  async parkedKeys(tx: EntityManager, messages: ConsumedMessage[]): Promise<Set<string>> {
    const rows: { topic: string; message_key: string }[] = await tx.query(
      `SELECT DISTINCT topic, message_key FROM parked_event
        WHERE consumer_group = $1 AND (topic, message_key) IN (SELECT * FROM unnest($2::text[], $3::text[]))`,
      [this.consumerGroup, messages.map((m) => m.topic), messages.map(keyOf)],
    );
    return new Set(rows.map((r) => parkingKey(r.topic, r.message_key)));
  }

  isParked(tx: EntityManager, message: ConsumedMessage): Promise<boolean> {
    return this.parkedKeys(tx, [message]).then((keys) => keys.has(parkingKeyOf(message)));
  }

  /** The first parked message of each key of a topic whose next try is due. */
  async due(limit: number): Promise<ParkedEvent[]> {
    const rows: ParkedRow[] = await this.dataSource.query(
      `SELECT * FROM (SELECT DISTINCT ON (topic, message_key) * FROM parked_event WHERE consumer_group = $1 ORDER BY topic, message_key, id) first
        WHERE next_attempt_at <= now() ORDER BY id LIMIT $2`,
      [this.consumerGroup, limit],
    );
    return rows.map((row) => ({
      id: row.id,
      message: { topic: row.topic, partition: row.partition, offset: row.message_offset, key: row.message_key === null ? null : Buffer.from(row.message_key), value: row.value, headers: row.headers },
      reason: row.reason,
      parkedAt: row.parked_at,
      attempts: row.attempts,
    }));
  }

  /** Takes a parked message for handling in tx; false when another instance has it or it is gone. */
  async claim(tx: EntityManager, id: string): Promise<boolean> {
    const rows = await tx.query(`SELECT id FROM parked_event WHERE id = $1 FOR UPDATE SKIP LOCKED`, [id]);
    return rows.length > 0;
  }

  async remove(tx: EntityManager, id: string): Promise<void> {
    await tx.query(`DELETE FROM parked_event WHERE id = $1`, [id]);
  }

  async retryLater(id: string, reason: string, retryInMs: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE parked_event SET attempts = attempts + 1, reason = $2, next_attempt_at = now() + make_interval(secs => $3) WHERE id = $1`,
      [id, reason, retryInMs / 1000],
    );
  }
}
