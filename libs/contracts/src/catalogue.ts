import { EnrollmentClosed, SubjectEnrolled, SubjectScreened, SubjectWithdrawn } from './enrollment/enrollment-events';
import { ScreeningSubmitted } from './enrollment/screening';
import type { EventContract } from './event-contract';
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
] as EventContract[];

export function findContract(type: string, version: number): EventContract | undefined {
  return EVENT_CATALOGUE.find((c) => c.type === type && c.version === version);
}

export function knownVersions(type: string): number[] {
  return EVENT_CATALOGUE.filter((c) => c.type === type).map((c) => c.version);
}
