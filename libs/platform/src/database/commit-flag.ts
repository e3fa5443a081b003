import type { EntityManager, EntitySubscriberInterface } from 'typeorm';

/**
 * A mark on a transaction that wrote work for a worker of this process (outbox rows for the relay,
 * say), so the worker starts when the transaction commits rather than at its next poll. TypeORM
 * also reports a released savepoint as a commit, while the transaction is still open: that one is
 * passed over. A transaction that rolls back wakes no one (a savepoint rolled back inside one
 * that commits still does: harmless, the worker finds nothing).
 */
export class CommitFlag {
  constructor(private readonly name: string) {}

  /** In the transaction that wrote the work. */
  set(tx: EntityManager): void {
    if (tx.queryRunner) tx.queryRunner.data[this.name] = true;
  }

  isSet(tx: EntityManager): boolean {
    return tx.queryRunner?.data[this.name] === true;
  }

  /** For the worker's DataSource: calls `then` once each flagged transaction has committed. */
  onCommit(then: () => void): EntitySubscriberInterface {
    return {
      afterTransactionCommit: ({ queryRunner }) => {
        if (queryRunner.data[this.name] === true && !queryRunner.isTransactionActive) then();
      },
    };
  }
}
