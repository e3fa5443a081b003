import { moveUnpublishedEvents } from '@trialstream/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

// The topic names as they were and are: a migration keeps what it did, whatever the contracts say later.
const SUBJECT_EVENTS = 'trialstream.enrollment.events.v1';
const ENROLLMENT_STATUS = 'trialstream.enrollment.status.v1';

/** EnrollmentClosed moved to the enrollment status topic, the one the registry reads: one still waiting to be sent goes there too. */
export class EnrollmentClosedTopic1764000000260 implements MigrationInterface {
  name = 'EnrollmentClosedTopic1764000000260';

  async up(runner: QueryRunner): Promise<void> {
    await moveUnpublishedEvents(runner, 'EnrollmentClosed', SUBJECT_EVENTS, ENROLLMENT_STATUS);
  }

  async down(runner: QueryRunner): Promise<void> {
    await moveUnpublishedEvents(runner, 'EnrollmentClosed', ENROLLMENT_STATUS, SUBJECT_EVENTS);
  }
}
