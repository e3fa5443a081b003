import type { DataSource } from 'typeorm';

/**
 * Commands an operator gives a running service (dead-letter replay, outbox retry, clock advance).
 * Their effects land in platform tables, or in memory, that the audit trail does not follow, so
 * each command is a row of its own: written before it runs (who asked for what) and updated with
 * its outcome after; both writes are audited, with the caller of the request as the actor.
 */
export class OperatorCommands {
  constructor(private readonly dataSource: DataSource) {}

  async run<R>(command: string, parameters: object, work: () => Promise<R> | R): Promise<R> {
    const [{ command_id: id }] = await this.dataSource.transaction((tx) =>
      tx.query(`INSERT INTO operator_command (command, parameters) VALUES ($1, $2) RETURNING command_id`, [command, JSON.stringify(parameters)]),
    );
    let outcome: object = { failed: 'the service stopped before the command ended' };
    try {
      const result = await work();
      outcome = { succeeded: result ?? null };
      return result;
    } catch (error) {
      outcome = { failed: (error as Error).message };
      throw error;
    } finally {
      await this.dataSource.transaction((tx) => tx.query(`UPDATE operator_command SET outcome = $2, finished_at = now() WHERE command_id = $1`, [id, JSON.stringify(outcome)]));
    }
  }
}
