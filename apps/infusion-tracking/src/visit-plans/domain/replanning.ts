import { compareCalendarDates, type CalendarDate } from '@trialstream/contracts';
import type { PlannedVisit, VisitKind, VisitStatus } from '../../domain/subject-schedule';

/** What infusion tracking does with a subject's re-consent to a protocol version, given what it holds. */
export type ReconsentPlanning<S, P> =
  | { kind: 'SUBJECT_WITHDRAWN' }
  | { kind: 'AWAIT_VISITS' }
  | { kind: 'AWAIT_TREATMENT_PLAN' }
  | { kind: 'ALREADY_PLANNED' }
  | { kind: 'REPLAN'; current: S; plan: P };

/**
 * A withdrawn subject is not re-planned. Otherwise the subject's visits must be planned already (the
 * enrollment comes first on the subject's key: `current` is their plan) and the treatment plan of
 * the version re-consented to, or a newer one, must have arrived; a subject already on that version
 * has nothing to re-plan.
 */
export function planReconsent<S extends { protocolVersion: number }, P extends { protocolVersion: number }>(
  reconsentedTo: number,
  withdrawn: boolean,
  current: S | null,
  plan: P | null,
): ReconsentPlanning<S, P> {
  if (withdrawn) return { kind: 'SUBJECT_WITHDRAWN' };
  if (!current) return { kind: 'AWAIT_VISITS' };
  if (current.protocolVersion >= reconsentedTo) return { kind: 'ALREADY_PLANNED' };
  if (!plan || plan.protocolVersion < reconsentedTo) return { kind: 'AWAIT_TREATMENT_PLAN' };
  return { kind: 'REPLAN', current, plan };
}

/** A visit as the subject's current plan holds it. */
export interface HeldVisit extends PlannedVisit {
  status: VisitStatus;
  /** A visit that took place: an infusion given, a follow-up visit recorded. */
  recorded: boolean;
}

export interface Replanning {
  /** The visits not yet done, as the new version plans them: to be written. */
  planned: PlannedVisit[];
  /** Of those, the ones the current plan does not have (or has cancelled). */
  added: PlannedVisit[];
  /** Of those, the ones whose day or window moved. */
  moved: PlannedVisit[];
  /** Visits not yet done that the new version no longer has: to be cancelled. */
  dropped: HeldVisit[];
}

const keyOf = (visit: { kind: VisitKind; number: number }) => `${visit.kind} ${visit.number}`;

/**
 * A visit is done when its day is on or before the re-consent (it took place, or was missed, under
 * the consent then in force) or, for a follow-up visit, when it was recorded: done visits stay as
 * they were. Every other visit follows the new version's schedule; those it no longer has are dropped.
 */
export function replanVisits(current: readonly HeldVisit[], next: readonly PlannedVisit[], reconsentDate: CalendarDate): Replanning {
  const isDone = (visit: HeldVisit) => visit.recorded || compareCalendarDates(visit.plannedDate, reconsentDate) <= 0;
  const held = new Map(current.map((visit) => [keyOf(visit), visit]));
  const planned = next.filter((visit) => {
    const was = held.get(keyOf(visit));
    return !was || !isDone(was);
  });
  const live = (visit: PlannedVisit) => held.get(keyOf(visit))?.status === 'PLANNED';
  const nextKeys = new Set(next.map(keyOf));
  return {
    planned,
    added: planned.filter((visit) => !live(visit)),
    moved: planned.filter((visit) => live(visit) && windowMoved(held.get(keyOf(visit)) as HeldVisit, visit)),
    dropped: current.filter((visit) => visit.status === 'PLANNED' && !isDone(visit) && !nextKeys.has(keyOf(visit))),
  };
}

function windowMoved(was: PlannedVisit, now: PlannedVisit): boolean {
  return (
    compareCalendarDates(was.plannedDate, now.plannedDate) !== 0 ||
    compareCalendarDates(was.windowOpens, now.windowOpens) !== 0 ||
    compareCalendarDates(was.windowCloses, now.windowCloses) !== 0
  );
}
