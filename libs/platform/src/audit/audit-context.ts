import type { EntityManager, EntitySubscriberInterface, QueryRunner, TransactionStartEvent } from 'typeorm';
import { currentCorrelation, type CorrelationContext } from '../context/correlation';

/**
 * Tells the database who the work of this transaction is for: the audit triggers read it into
 * every record they capture. Local to the transaction; set it again when the work changes hands
 * (a batch of events handled in one transaction).
 */
export async function setAuditContext(on: EntityManager | QueryRunner, context: CorrelationContext): Promise<void> {
  const { correlationId, actor } = context;
  const value = JSON.stringify({ correlationId, ...(actor ? { subject: actor.subject, role: actor.role } : {}) });
  await on.query(`SELECT set_config('trialstream.audit_context', $1, true)`, [value]);
}

/**
 * A transaction begun inside a request (or any work with a correlation) carries its context into
 * the database. The event transport sets it per event itself: its transactions begin before it.
 */
export class AuditContextSubscriber implements EntitySubscriberInterface {
  async afterTransactionStart({ queryRunner }: TransactionStartEvent): Promise<void> {
    const context = currentCorrelation();
    if (context) await setAuditContext(queryRunner, context);
  }
}
