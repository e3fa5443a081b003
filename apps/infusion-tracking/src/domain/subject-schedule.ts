import { addDays, type CalendarDate } from '@trialstream/contracts';
import { doseFor, type DoseRange } from '../infusions/domain/dose';
import type { TreatmentPlan } from './treatment-plan';

export type VisitKind = 'INFUSION' | 'FOLLOW_UP';

/** PLANNED; CANCELLED by a withdrawal or by a re-plan that dropped it (and so it stays, even if given); ADMINISTERED once the infusion is given. */
export type VisitStatus = 'PLANNED' | 'CANCELLED' | 'ADMINISTERED';

/** One planned visit of a subject, with its window and, for an infusion, the dose to give. */
export interface PlannedVisit {
  kind: VisitKind;
  number: number;
  plannedDate: CalendarDate;
  windowOpens: CalendarDate;
  windowCloses: CalendarDate;
  /** Cells for this subject's weight; with the protocol's tolerance around it. */
  dose?: DoseRange;
}

/**
 * A subject's visits from the first infusion date: each infusion on its day offset with its window
 * and a dose of cellsPerKg x body weight (e.g. 1x10^6/kg x 70 kg = 7.0x10^7 cells, +/- tolerance),
 * then the follow-up visits counted from the last infusion.
 */
export function scheduleVisits(plan: TreatmentPlan, firstInfusionDate: CalendarDate, bodyWeightKg: number): PlannedVisit[] {
  const dose = doseFor(plan.dosing, bodyWeightKg);
  const infusions = plan.infusions.map((infusion) => {
    const plannedDate = addDays(firstInfusionDate, infusion.dayOffset);
    return {
      kind: 'INFUSION' as const,
      number: infusion.number,
      plannedDate,
      windowOpens: addDays(plannedDate, -infusion.windowDaysBefore),
      windowCloses: addDays(plannedDate, infusion.windowDaysAfter),
      dose,
    };
  });
  const followUps = plan.followUpDayOffsets.map((offset, i) => {
    const plannedDate = addDays(firstInfusionDate, offset);
    return {
      kind: 'FOLLOW_UP' as const,
      number: i + 1,
      plannedDate,
      windowOpens: addDays(plannedDate, -plan.followUp.windowDays),
      windowCloses: addDays(plannedDate, plan.followUp.windowDays),
    };
  });
  return [...infusions, ...followUps];
}
