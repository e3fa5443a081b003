import type { EventContract } from './event-contract';
import { TrialRegistered } from './registry/trial-registered';

/** Every event contract the platform knows, in every version still accepted. */
export const EVENT_CATALOGUE: readonly EventContract[] = [TrialRegistered] as EventContract[];

export function findContract(type: string, version: number): EventContract | undefined {
  return EVENT_CATALOGUE.find((c) => c.type === type && c.version === version);
}

export function knownVersions(type: string): number[] {
  return EVENT_CATALOGUE.filter((c) => c.type === type).map((c) => c.version);
}
