import { sampleEnvelope } from '@trialstream/testing';

/** Enrollment's events as enrollment puts them on its topics, for tests that play its part. */
const fromEnrollment = (type: string, trialId: string, subjectId?: string) => ({ type, trialId, subjectId, producer: 'enrollment' });

export const enrollmentClosed = (trialId: string) =>
  sampleEnvelope({ enrolled: 30, target: 30, reason: 'TARGET_REACHED' }, fromEnrollment('EnrollmentClosed', trialId));

export const subjectEnrolled = (trialId: string, subjectId: string) =>
  sampleEnvelope(
    {
      subjectId,
      siteId: 'BJ-01',
      protocolVersion: 1,
      enrollmentNumber: 1,
      baselineDate: '2015-06-01',
      baselinePasi: 14.2,
      baselineDlqi: 12,
      bodyWeightKg: 64,
      consentVersion: '1.0',
      consentDate: '2015-05-30',
      plannedFirstInfusionDate: '2015-06-08',
    },
    fromEnrollment('SubjectEnrolled', trialId, subjectId),
  );

export const subjectWithdrawn = (trialId: string, subjectId: string) =>
  sampleEnvelope({ subjectId, withdrawnBy: 'SUBJECT', reason: 'moved away', withdrawalDate: '2015-06-20' }, fromEnrollment('SubjectWithdrawn', trialId, subjectId));
