import { compareCalendarDates, daysBetween, type CalendarDate } from '@trialstream/contracts';
import type { Deviation, GivenInfusion, InfusionWindow } from './deviation';

/** Window edges count as inside: an infusion on windowOpens or windowCloses is on time. */
export function windowDeviation(planned: InfusionWindow, givenOn: CalendarDate): Deviation | undefined {
  if (compareCalendarDates(givenOn, planned.windowOpens) >= 0 && compareCalendarDates(givenOn, planned.windowCloses) <= 0) return undefined;
  const offset = daysBetween(planned.plannedDate, givenOn);
  return {
    kind: 'OUTSIDE_WINDOW',
    rule: `infusion ${planned.number} within its window around ${planned.plannedDate}`,
    observed: `given on ${givenOn} (${offset > 0 ? '+' : ''}${offset} days)`,
    allowed: `${planned.windowOpens} to ${planned.windowCloses}`,
  };
}

export function repeatDeviation(number: number, givenOn: CalendarDate, given: GivenInfusion[]): Deviation | undefined {
  const first = given.find((g) => g.number === number);
  if (!first) return undefined;
  return {
    kind: 'REPEATED_INFUSION',
    rule: 'each planned infusion is given once',
    observed: `infusion ${number} again on ${givenOn}`,
    allowed: `once (given on ${first.administeredOn})`,
  };
}

/**
 * Infusions follow their numbers in time. Out of order: a later-numbered infusion was given before
 * this one, an earlier-numbered one after it, or an earlier one is skipped while its window is
 * still open on the day. An earlier one whose window closed unused is missed (InfusionMissed says
 * so), not out of order; and reporting in another order than giving is no deviation.
 */
export function orderDeviation(
  number: number,
  givenAt: Date,
  givenOn: CalendarDate,
  plan: InfusionWindow[],
  given: GivenInfusion[],
): Deviation | undefined {
  const others = given.filter((g) => g.number !== number);
  const conflicts = [
    ...others
      .filter((g) => (g.number > number ? g.administeredAt < givenAt : g.administeredAt > givenAt))
      .map((g) => `infusion ${g.number} given ${g.number > number ? 'before' : 'after'} it, on ${g.administeredOn}`),
    ...plan
      .filter((p) => p.number < number && !others.some((g) => g.number === p.number) && compareCalendarDates(p.windowCloses, givenOn) >= 0)
      .map((p) => `infusion ${p.number} not given yet, its window open until ${p.windowCloses}`),
  ];
  if (conflicts.length === 0) return undefined;
  const neighbours = [number > 1 ? `after infusion ${number - 1}` : '', number < (plan.at(-1)?.number ?? 0) ? `before infusion ${number + 1}` : ''];
  return {
    kind: 'OUT_OF_ORDER',
    rule: 'infusions are given in their numbered order',
    observed: `infusion ${number} on ${givenOn}: ${conflicts.join('; ')}`,
    allowed: neighbours.filter(Boolean).join(', '),
  };
}
