import { AssessmentRecorded, AssessmentSubmitted, ResponseEvaluated } from './assessments/assessment-events';
import { EnrollmentClosed, SubjectEnrolled, SubjectScreened, SubjectWithdrawn } from './enrollment/enrollment-events';
import { ReconsentRequired, SubjectReconsented } from './enrollment/reconsent';
import { ScreeningSubmitted } from './enrollment/screening';
import type { EventContract } from './event-contract';
import { InfusionAdministered, InfusionAdministrationSubmitted } from './infusion/administrations';
import { InfusionReactionReported } from './infusion/infusion-reaction-reported';
import { ProtocolDeviationRecorded } from './infusion/protocol-deviation';
import { InfusionMissed, TreatmentCompleted } from './infusion/treatment-progress';
import { FollowUpDue, FollowUpOverdue, FollowUpVisitRecorded, FollowUpVisitSubmitted } from './infusion/follow-up';
import { ProtocolVersionPublished } from './registry/protocol-version-published';
import { TrialRegistered } from './registry/trial-registered';
import { TrialStatusChanged } from './registry/trial-status-changed';
import { DosingHoldLifted, DosingHoldPlaced } from './safety/dosing-holds';
import { AdverseEventReported } from './safety/adverse-event-reported';
import { ExpeditedReportDue, ExpeditedReportOverdue, ExpeditedReportSubmitted, ExpeditedReportWithdrawn } from './safety/expedited-reports';
import { SafetyAlertRaised } from './safety/safety-alert-raised';

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
  InfusionAdministrationSubmitted,
  InfusionAdministered,
  ProtocolDeviationRecorded,
  InfusionReactionReported,
  InfusionMissed,
  TreatmentCompleted,
  DosingHoldPlaced,
  DosingHoldLifted,
  AssessmentSubmitted,
  AssessmentRecorded,
  ResponseEvaluated,
  FollowUpDue,
  FollowUpOverdue,
  FollowUpVisitSubmitted,
  FollowUpVisitRecorded,
  AdverseEventReported,
  ExpeditedReportDue,
  ExpeditedReportOverdue,
  ExpeditedReportSubmitted,
  ExpeditedReportWithdrawn,
  SafetyAlertRaised,
] as EventContract[];

export function findContract(type: string, version: number): EventContract | undefined {
  return EVENT_CATALOGUE.find((c) => c.type === type && c.version === version);
}

export function knownVersions(type: string): number[] {
  return EVENT_CATALOGUE.filter((c) => c.type === type).map((c) => c.version);
}
