import { addDays, daysBetween, type CalendarDate } from '@trialstream/contracts';
import type { InfusionWindow } from './deviation';

/**
 * The rule for later visits: the protocol's day offsets count from the day the first infusion was
 * actually given, and only from it. A first infusion given on another day than planned moves every
 * infusion still to come by the same number of days; a later infusion given late (or early) moves
 * nothing, so one late visit does not push the rest of the treatment back and the schedule keeps
 * its length (days 0-49 for the reference trial).
 */
export function rescheduledAfter(planned: InfusionWindow, givenOn: CalendarDate, toCome: InfusionWindow[]): InfusionWindow[] {
  if (planned.number !== 1) return [];
  const shift = daysBetween(planned.plannedDate, givenOn);
  if (shift === 0) return [];
  return toCome.map((visit) => ({
    number: visit.number,
    plannedDate: addDays(visit.plannedDate, shift),
    windowOpens: addDays(visit.windowOpens, shift),
    windowCloses: addDays(visit.windowCloses, shift),
  }));
}
