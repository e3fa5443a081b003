import type { EntityManager, EntitySubscriberInterface, QueryRunner, TransactionStartEvent } from 'typeorm';
import { currentCorrelation, type CorrelationContext } from '../context/correlation';

/**
 * Tells the database who the work of this transaction is for: the audit triggers read it into
 * every record they capture. Local to the transaction; set it again when the work changes hands
 * (a batch of events handled in one transaction).
 */
export async function setAuditContext(on: EntityManager | QueryRunner, context: CorrelationContext): Promise<void> {
  await on.query(`SELECT ${AUDIT_CONTEXT_SETTER('$1')}`, [auditContextValue(context)]);
}

/** The setting's value for a context, as the audit triggers read it. */
export function auditContextValue({ correlationId, actor }: CorrelationContext): string {
  return JSON.stringify({ correlationId, ...(actor ? { subject: actor.subject, role: actor.role } : {}) });
}

/** The SQL expression that sets the context to the value of `parameter`, for a statement that does more besides. */
export const AUDIT_CONTEXT_SETTER = (parameter: string) => `set_config('trialstream.audit_context', ${parameter}, true)`;

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
