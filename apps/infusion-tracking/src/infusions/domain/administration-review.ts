import { RuleViolationError, type CalendarDate, type DosingRule } from '@trialstream/contracts';
import type { Deviation, GivenInfusion, InfusionWindow } from './deviation';
import { doseDeviation, doseFor, type DoseRange } from './dose';
import { assertGivenByToday } from './input-checks';
import { rescheduledAfter } from './rescheduling';
import { orderDeviation, repeatDeviation, windowDeviation } from './schedule-deviations';
import { standingDeviations, type SubjectStanding } from './standing-deviations';

/** What is known when an infusion is reported: the report, the subject's plan and record, and where they stand. */
export interface AdministrationFacts {
  infusionNumber: number;
  bodyWeightKg: number;
  cellsGiven: number;
  givenAt: Date;
  /** givenAt on the site's calendar, and today there. */
  givenOn: CalendarDate;
  today: CalendarDate;
  /** The dose rule of the protocol version the subject is on. */
  dosing: DosingRule;
  /** The subject's infusions, numbered 1..n in order. */
  plan: InfusionWindow[];
  given: GivenInfusion[];
  standing: SubjectStanding;
}

export interface AdministrationReview {
  expectedDose: DoseRange;
  /** Every rule broken; the infusion is recorded with them, never dropped. */
  deviations: Deviation[];
  /** Infusions still to come that move (see rescheduledAfter). */
  rescheduled: InfusionWindow[];
  /** Present when this is the last planned infusion, given once, to a subject who has not withdrawn. */
  completion?: { infusionsGiven: number };
}

/** Judges a reported infusion; throws only for a report that cannot be true (not planned, in the future). */
export function reviewAdministration(facts: AdministrationFacts): AdministrationReview {
  const { infusionNumber: number, givenAt, givenOn, plan, given, standing } = facts;
  const planned = plan.find((p) => p.number === number);
  if (!planned) {
    throw RuleViolationError.of('infusionNumber', 'plannedInfusion', `the subject's plan has infusions 1 to ${plan.length}, not ${number}`);
  }
  assertGivenByToday(givenOn, facts.today);
  const repeat = repeatDeviation(number, givenOn, given);
  const deviations = [
    doseDeviation(facts.dosing, facts.bodyWeightKg, facts.cellsGiven),
    windowDeviation(planned, givenOn),
    repeat,
    orderDeviation(number, givenAt, givenOn, plan, given),
    ...standingDeviations(givenAt, givenOn, standing),
  ].filter((deviation): deviation is Deviation => deviation !== undefined);

  // A repeat, or any infusion of a subject who has withdrawn (before or after it), is recorded but
  // moves no visit and completes nothing: a withdrawn subject has no visits or follow-up to come.
  const continuing = !repeat && standing.withdrawalDate === null;
  const givenNumbers = new Set([...given.map((g) => g.number), number]);
  const toCome = plan.filter((p) => !givenNumbers.has(p.number));
  return {
    expectedDose: doseFor(facts.dosing, facts.bodyWeightKg),
    deviations,
    rescheduled: continuing ? rescheduledAfter(planned, givenOn, toCome) : [],
    ...(continuing && number === plan.length ? { completion: { infusionsGiven: givenNumbers.size } } : {}),
  };
}
