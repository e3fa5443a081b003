import { AssessmentRecorded, AssessmentSubmitted, ResponseEvaluated } from './assessments/assessment-events';
import { EnrollmentClosed, SubjectEnrolled, SubjectScreened, SubjectWithdrawn } from './enrollment/enrollment-events';
import { ReconsentRequired, SubjectReconsented } from './enrollment/reconsent';
import { ScreeningSubmitted } from './enrollment/screening';
import type { EventContract } from './event-contract';
import { FollowUpDue, FollowUpOverdue, FollowUpVisitRecorded, FollowUpVisitSubmitted } from './infusion/follow-up';
import { TreatmentCompleted } from './infusion/treatment-completed';
import { ProtocolVersionPublished } from './registry/protocol-version-published';
import { TrialRegistered } from './registry/trial-registered';
import { TrialStatusChanged } from './registry/trial-status-changed';

/** Every event contract the platform knows, in every version still accepted. */
export const EVENT_CATALOGUE: readonly EventContract[] = [
  TrialRegistered,
  ProtocolVersionPublished,
  TrialStatusChanged,
  ScreeningSubmitted,
  SubjectScreened,
  SubjectEnrolled,
  EnrollmentClosed,
  SubjectWithdrawn,
  ReconsentRequired,
  SubjectReconsented,
  TreatmentCompleted,
  AssessmentSubmitted,
  AssessmentRecorded,
  ResponseEvaluated,
  FollowUpDue,
  FollowUpOverdue,
  FollowUpVisitSubmitted,
  FollowUpVisitRecorded,
] as EventContract[];

export function findContract(type: string, version: number): EventContract | undefined {
  return EVENT_CATALOGUE.find((c) => c.type === type && c.version === version);
}

export function knownVersions(type: string): number[] {
  return EVENT_CATALOGUE.filter((c) => c.type === type).map((c) => c.version);
}
