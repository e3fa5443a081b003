import { EnrollmentClosed, SubjectEnrolled, SubjectScreened, SubjectWithdrawn } from './enrollment/enrollment-events';
import { ScreeningSubmitted } from './enrollment/screening';
import type { EventContract } from './event-contract';
import { InfusionReactionReported } from './infusion/infusion-reaction-reported';
import { ProtocolVersionPublished } from './registry/protocol-version-published';
import { TrialRegistered } from './registry/trial-registered';
import { TrialStatusChanged } from './registry/trial-status-changed';
import { AdverseEventReported } from './safety/adverse-event-reported';
import { DosingHoldLifted, DosingHoldPlaced } from './safety/dosing-holds';
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
  InfusionReactionReported,
  AdverseEventReported,
  DosingHoldPlaced,
  DosingHoldLifted,
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
