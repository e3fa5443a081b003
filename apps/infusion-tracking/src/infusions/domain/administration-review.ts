import { RuleViolationError, type CalendarDate, type DosingRule } from '@trialstream/contracts';
import type { Deviation, GivenInfusion, InfusionWindow } from './deviation';
import { doseDeviation, doseFor, type DoseRange } from './dose';
import { assertGivenByToday } from './input-checks';
import { rescheduledAfter } from './rescheduling';
import { orderDeviation, repeatDeviation, windowDeviation } from './schedule-deviations';
import { standingDeviations, type SubjectStanding } from './standing-deviations';
import type { InfusionVisit } from './treatment-end';

/** What is known when an infusion is reported: the report, the subject's plan and record, and where they stand. */
export interface AdministrationFacts {
  infusionNumber: number;
  bodyWeightKg: number;
  cellsGiven: number;
  givenAt: Date;
  /** givenAt on the site's calendar, and today there. */
  givenOn: CalendarDate;
  today: CalendarDate;
  /** The dose rule of the protocol version the reported infusion's visit is planned under. */
  dosing: DosingRule;
  /** The subject's infusion visits, numbered 1..n in order, those a newer plan dropped (CANCELLED) included. */
  plan: InfusionVisit[];
  given: GivenInfusion[];
  standing: SubjectStanding;
}

export interface AdministrationReview {
  expectedDose: DoseRange;
  /** Every rule broken; the infusion is recorded with them, never dropped. */
  deviations: Deviation[];
  /** Infusions still to come that move (see rescheduledAfter). */
  rescheduled: InfusionWindow[];
  /** Present when this is the last infusion of the subject's current plan, given once, to a subject who has not withdrawn. */
  completion?: { infusionsGiven: number };
}

/** The visit of the reported infusion, cancelled or not; a number the subject never had is refused. */
export function reportedVisit<V extends InfusionVisit>(plan: V[], infusionNumber: number): V {
  const visit = plan.find((p) => p.number === infusionNumber);
  if (!visit) {
    throw RuleViolationError.of('infusionNumber', 'plannedInfusion', `the subject's plan has infusions 1 to ${plan.length}, not ${infusionNumber}`);
  }
  return visit;
}

/** Judges a reported infusion; throws only for a report that cannot be true (not planned, in the future). */
export function reviewAdministration(facts: AdministrationFacts): AdministrationReview {
  const { infusionNumber: number, givenAt, givenOn, given, standing } = facts;
  const visit = reportedVisit(facts.plan, number);
  assertGivenByToday(givenOn, facts.today);
  // The schedule is the current plan's: visits a newer protocol version dropped are no longer in it.
  const plan = facts.plan.filter((p) => p.status !== 'CANCELLED');
  const dropped = visit.status === 'CANCELLED';
  const repeat = repeatDeviation(number, givenOn, given);
  const deviations = [
    doseDeviation(facts.dosing, facts.bodyWeightKg, facts.cellsGiven),
    dropped ? notInPlanDeviation(number, givenOn, plan, standing) : windowDeviation(visit, givenOn),
    repeat,
    orderDeviation(number, givenAt, givenOn, plan, given),
    ...standingDeviations(givenAt, givenOn, standing),
  ].filter((deviation): deviation is Deviation => deviation !== undefined);

  // A repeat, an infusion the plan dropped, or any infusion of a subject who has withdrawn (before
  // or after it), is recorded but moves no visit and completes nothing.
  const continuing = !repeat && !dropped && standing.withdrawalDate === null;
  const givenNumbers = new Set([...given.map((g) => g.number), number]);
  const toCome = plan.filter((p) => !givenNumbers.has(p.number));
  const planNumbers = new Set(plan.map((p) => p.number));
  return {
    expectedDose: doseFor(facts.dosing, facts.bodyWeightKg),
    deviations,
    rescheduled: continuing ? rescheduledAfter(visit, givenOn, toCome) : [],
    ...(continuing && number === plan.at(-1)?.number ? { completion: { infusionsGiven: [...givenNumbers].filter((n) => planNumbers.has(n)).length } } : {}),
  };
}

/** An infusion given although a newer plan dropped its visit; a withdrawn subject's is said by SUBJECT_WITHDRAWN. */
function notInPlanDeviation(number: number, givenOn: CalendarDate, plan: InfusionWindow[], standing: SubjectStanding): Deviation | undefined {
  if (standing.withdrawalDate !== null) return undefined;
  return {
    kind: 'NOT_IN_PLAN',
    rule: "only the infusions of the subject's current plan are given",
    observed: `infusion ${number} given on ${givenOn}, dropped from the plan by a newer protocol version`,
    allowed: plan.length > 0 ? `infusions ${plan.map((p) => p.number).join(', ')}` : 'none',
  };
}
