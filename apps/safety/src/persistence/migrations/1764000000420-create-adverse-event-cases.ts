import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Adverse-event cases and what follows from them: the subjects safety knows, each case with every
 * version reported, expedited-report clocks and their submissions, dosing holds, and alerts.
 */
export class CreateAdverseEventCases1764000000420 implements MigrationInterface {
  name = 'CreateAdverseEventCases1764000000420';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE known_subject (
        trial_id        text NOT NULL,
        subject_id      text NOT NULL,
        site_id         text NOT NULL,
        withdrawal_date text,
        PRIMARY KEY (trial_id, subject_id)
      )`);
    await runner.query(`
      CREATE TABLE ae_case (
        trial_id        text NOT NULL,
        case_id         text NOT NULL,
        subject_id      text NOT NULL,
        site_id         text NOT NULL,
        current_version int NOT NULL CHECK (current_version > 0),
        -- What the current version is, for lists and stopping rules; every version keeps its own.
        term            text NOT NULL,
        ctcae_grade     int NOT NULL CHECK (ctcae_grade BETWEEN 1 AND 5),
        event_category  text,
        serious         boolean NOT NULL,
        suspected_related boolean NOT NULL,
        fatal_or_life_threatening boolean NOT NULL,
        susar           boolean NOT NULL,
        opened_at       timestamptz NOT NULL,
        updated_at      timestamptz NOT NULL,
        PRIMARY KEY (trial_id, case_id)
      )`);
    await runner.query('CREATE INDEX ae_case_by_subject ON ae_case (trial_id, subject_id)');
    await runner.query(`
      CREATE TABLE ae_case_version (
        trial_id       text NOT NULL,
        case_id        text NOT NULL,
        version        int NOT NULL CHECK (version > 0),
        report_id      text NOT NULL,
        received_via   text NOT NULL CHECK (received_via IN ('SPONSOR_INGRESS', 'HTTP', 'INFUSION_TRACKING')),
        report         jsonb NOT NULL,
        classification jsonb NOT NULL,
        recorded_at    timestamptz NOT NULL,
        PRIMARY KEY (trial_id, case_id, version),
        FOREIGN KEY (trial_id, case_id) REFERENCES ae_case (trial_id, case_id),
        -- The same report delivered twice is one version.
        UNIQUE (trial_id, case_id, report_id)
      )`);
    await runner.query(`
      CREATE TABLE expedited_report_clock (
        trial_id     text NOT NULL,
        case_id      text NOT NULL,
        report       text NOT NULL CHECK (report IN ('INITIAL', 'COMPLETION')),
        subject_id   text NOT NULL,
        basis        text NOT NULL CHECK (basis IN ('FATAL_OR_LIFE_THREATENING', 'OTHER_SUSAR')),
        day_zero     text NOT NULL,
        due_date     text NOT NULL,
        overdue_at   timestamptz NOT NULL,
        status       text NOT NULL CHECK (status IN ('OPEN', 'OVERDUE', 'SUBMITTED', 'WITHDRAWN')),
        case_version int NOT NULL,
        updated_at   timestamptz NOT NULL,
        PRIMARY KEY (trial_id, case_id, report),
        FOREIGN KEY (trial_id, case_id) REFERENCES ae_case (trial_id, case_id)
      )`);
    await runner.query(`
      CREATE TABLE report_submission (
        id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        trial_id     text NOT NULL,
        case_id      text NOT NULL,
        report       text NOT NULL,
        recipient    text NOT NULL,
        reference    text NOT NULL,
        submitted_by text NOT NULL,
        submitted_at timestamptz NOT NULL,
        recorded_at  timestamptz NOT NULL,
        FOREIGN KEY (trial_id, case_id, report) REFERENCES expedited_report_clock (trial_id, case_id, report)
      )`);
    await runner.query(`
      CREATE TABLE dosing_hold (
        hold_id     uuid PRIMARY KEY,
        trial_id    text NOT NULL,
        scope       text NOT NULL CHECK (scope IN ('SUBJECT', 'TRIAL')),
        subject_id  text,
        reason      text NOT NULL,
        rule_id     text,
        case_id     text,
        placed_at   timestamptz NOT NULL,
        placed_by   text NOT NULL,
        lifted_at   timestamptz,
        lifted_by   text,
        lift_reason text,
        CHECK ((scope = 'SUBJECT') = (subject_id IS NOT NULL)),
        CHECK ((lifted_at IS NULL) = (lifted_by IS NULL) AND (lifted_at IS NULL) = (lift_reason IS NULL))
      )`);
    // One hold in place per target: the subject's, or the trial's.
    await runner.query(`CREATE UNIQUE INDEX dosing_hold_in_place ON dosing_hold (trial_id, scope, coalesce(subject_id, '')) WHERE lifted_at IS NULL`);
    await runner.query(`
      CREATE TABLE safety_alert (
        alert_id        uuid PRIMARY KEY,
        trial_id        text NOT NULL,
        kind            text NOT NULL,
        severity        text NOT NULL,
        subject_id      text NOT NULL,
        case_id         text NOT NULL,
        case_version    int NOT NULL,
        -- What the alert told (see the domain's NewAlert): a case never tells a fact twice.
        facts           text[] NOT NULL,
        rule_id         text,
        hold_id         uuid,
        due_date        text,
        summary         text NOT NULL,
        next_step       text NOT NULL,
        raised_at       timestamptz NOT NULL,
        acknowledged_at timestamptz,
        acknowledged_by text
      )`);
    await runner.query('CREATE INDEX safety_alert_by_case ON safety_alert (trial_id, case_id)');
    await runner.query('CREATE INDEX safety_alert_by_time ON safety_alert (trial_id, raised_at)');
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['safety_alert', 'dosing_hold', 'report_submission', 'expedited_report_clock', 'ae_case_version', 'ae_case', 'known_subject']) {
      await runner.query(`DROP TABLE ${table}`);
    }
  }
}
