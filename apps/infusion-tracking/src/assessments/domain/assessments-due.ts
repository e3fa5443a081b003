import type { PlannedAssessment } from '@trialstream/contracts';
import type { Instrument } from './assessment-checks';

export interface DueAfterTreatment {
  /** The infusion the assessment follows. */
  visitNumber: number;
  instruments: Instrument[];
}

/** What a completed treatment makes due: each assessment the plan names after an infusion, by infusion. */
export function dueAfterTreatment(planned: readonly PlannedAssessment[]): DueAfterTreatment[] {
  const byInfusion = new Map<number, Instrument[]>();
  for (const { timepoint, afterInfusion, instrument } of planned) {
    if (timepoint === 'AFTER_INFUSION' && afterInfusion !== undefined) byInfusion.set(afterInfusion, [...(byInfusion.get(afterInfusion) ?? []), instrument]);
  }
  return [...byInfusion].sort(([a], [b]) => a - b).map(([visitNumber, instruments]) => ({ visitNumber, instruments }));
}
