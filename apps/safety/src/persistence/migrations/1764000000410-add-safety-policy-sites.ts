import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The protocol's sites and their time zones: a report deadline ends with the subject's site's day. */
export class AddSafetyPolicySites1764000000410 implements MigrationInterface {
  name = 'AddSafetyPolicySites1764000000410';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE trial_safety_policy ADD COLUMN sites jsonb');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE trial_safety_policy DROP COLUMN sites');
  }
}
