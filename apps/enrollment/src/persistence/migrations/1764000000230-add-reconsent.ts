import type { MigrationInterface, QueryRunner } from 'typeorm';

/** An amendment that changes the consent form makes enrolled subjects owe a re-consent, until they give it. */
export class AddReconsent1764000000230 implements MigrationInterface {
  name = 'AddReconsent1764000000230';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE subject
        ADD COLUMN reconsent_required_version text,
        ADD COLUMN reconsent_required_under   int`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE subject DROP COLUMN reconsent_required_version, DROP COLUMN reconsent_required_under');
  }
}
