import type { EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';

/**
 * Holds back the news of a scheduled timer until its transaction commits, and drops it on
 * rollback. Registered as a TypeORM subscriber; outside a transaction the news goes out at once.
 */
export class WakeAfterCommit implements EntitySubscriberInterface {
  private readonly earliestDue = new WeakMap<QueryRunner, Date>();

  constructor(private readonly tell: (dueAt: Date) => void) {}

  hold(runner: QueryRunner | undefined, dueAt: Date): void {
    if (!runner?.isTransactionActive) return this.tell(dueAt);
    const held = this.earliestDue.get(runner);
    if (!held || dueAt < held) this.earliestDue.set(runner, dueAt);
  }

  afterTransactionCommit({ queryRunner }: TransactionCommitEvent): void {
    // Still active: a savepoint was released, the transaction itself is open.
    if (queryRunner.isTransactionActive) return;
    const dueAt = this.earliestDue.get(queryRunner);
    this.earliestDue.delete(queryRunner);
    if (dueAt) this.tell(dueAt);
  }

  afterTransactionRollback({ queryRunner }: TransactionRollbackEvent): void {
    if (!queryRunner.isTransactionActive) this.earliestDue.delete(queryRunner);
  }
}
