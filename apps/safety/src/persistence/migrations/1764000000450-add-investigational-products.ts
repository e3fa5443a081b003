import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The protocol's investigational products, the suspect drugs of an E2B report; none known until the next protocol version arrives. */
export class AddInvestigationalProducts1764000000450 implements MigrationInterface {
  name = 'AddInvestigationalProducts1764000000450';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query("ALTER TABLE trial_safety_policy ADD COLUMN investigational_products text[] NOT NULL DEFAULT '{}'");
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE trial_safety_policy DROP COLUMN investigational_products');
  }
}
