import type { CalendarDate } from '@trialstream/contracts';
import type { GivenInfusion, InfusionWindow } from './deviation';

/** How a subject's treatment ended: what TreatmentCompleted says. */
export interface TreatmentEnd {
  lastInfusionDate: CalendarDate;
  /** Planned infusions given, each counted once. */
  infusionsGiven: number;
}

/**
 * Treatment is over when the last planned infusion's window closes unused: no infusion is left to
 * give, and the post-treatment assessments fall due from the last one given. None when that
 * infusion was recorded meanwhile (its record ended the treatment), when the subject has withdrawn
 * (no visits to come), or when no infusion was ever given (nothing was completed).
 */
export function treatmentEndAfterMissed(missedNumber: number, plan: InfusionWindow[], given: GivenInfusion[], withdrawn: boolean): TreatmentEnd | undefined {
  if (withdrawn || missedNumber !== plan.length) return undefined;
  const planned = new Set(plan.map((p) => p.number));
  const givenPlanned = given.filter((g) => planned.has(g.number));
  if (givenPlanned.length === 0 || givenPlanned.some((g) => g.number === missedNumber)) return undefined;
  const lastInfusionDate = givenPlanned.map((g) => g.administeredOn).reduce((latest, day) => (day > latest ? day : latest));
  return { lastInfusionDate, infusionsGiven: new Set(givenPlanned.map((g) => g.number)).size };
}
