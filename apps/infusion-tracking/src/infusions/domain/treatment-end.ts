import type { CalendarDate } from '@trialstream/contracts';
import type { VisitStatus } from '../../domain/subject-schedule';
import type { GivenInfusion, InfusionWindow } from './deviation';

/** How a subject's treatment ended: what TreatmentCompleted says. */
export interface TreatmentEnd {
  lastInfusionDate: CalendarDate;
  /** Planned infusions given, each counted once. */
  infusionsGiven: number;
}

/** A subject's infusion visit as it stands, cancelled ones (dropped by a newer plan) included. */
export interface InfusionVisit extends InfusionWindow {
  status: VisitStatus;
}

/**
 * Treatment is over when the last planned infusion's window closes unused: no infusion is left to
 * give, and the post-treatment assessments fall due from the last one given. None for a miss that
 * no longer holds (that infusion recorded meanwhile, or its visit moved or dropped by a newer
 * plan since the window it names), for a subject who has withdrawn (no visits to come), or when
 * no infusion was ever given (nothing was completed).
 */
export function treatmentEndAfterMissed(
  missed: { infusionNumber: number; windowCloses: CalendarDate },
  visits: InfusionVisit[],
  given: GivenInfusion[],
  withdrawn: boolean,
): TreatmentEnd | undefined {
  if (withdrawn) return undefined;
  const planned = visits.filter((v) => v.status !== 'CANCELLED').sort((a, b) => a.number - b.number);
  const last = planned.at(-1);
  if (!last || last.number !== missed.infusionNumber || last.status !== 'PLANNED' || last.windowCloses !== missed.windowCloses) return undefined;
  const numbers = new Set(planned.map((p) => p.number));
  const givenPlanned = given.filter((g) => numbers.has(g.number));
  if (givenPlanned.length === 0) return undefined;
  const lastInfusionDate = givenPlanned.map((g) => g.administeredOn).reduce((latest, day) => (day > latest ? day : latest));
  return { lastInfusionDate, infusionsGiven: new Set(givenPlanned.map((g) => g.number)).size };
}
