import type { MigrationInterface, QueryRunner } from 'typeorm';
import { auditTables, unauditTables } from './audited-tables';

/** Operators' commands to a service, audited like the domain tables (see OperatorCommands). */
export class OperatorCommands1764000000004 implements MigrationInterface {
  name = 'OperatorCommands1764000000004';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE operator_command (
        command_id  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        command     text NOT NULL,
        parameters  jsonb NOT NULL,
        issued_at   timestamptz NOT NULL DEFAULT now(),
        outcome     jsonb,
        finished_at timestamptz
      )`);
    await auditTables(runner, [{ table: 'operator_command', verbs: ['outcome=finished'] }]);
  }

  async down(runner: QueryRunner): Promise<void> {
    await unauditTables(runner, ['operator_command']);
    await runner.query('DROP TABLE operator_command');
  }
}
