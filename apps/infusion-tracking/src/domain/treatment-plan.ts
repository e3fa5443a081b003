import type { DosingRule, FollowUpPlan, PlannedAssessment, PlannedInfusion, TrialRegisteredPayload } from '@trialstream/contracts';

/** What infusion tracking needs of a protocol: how much, when, and what follows. */
export interface TreatmentPlan {
  trialId: string;
  protocolVersion: number;
  dosing: DosingRule;
  /** In infusion order. */
  infusions: PlannedInfusion[];
  assessments: PlannedAssessment[];
  followUp: FollowUpPlan;
  /** Follow-up visits as days from the first infusion (the schedule counts from there). */
  followUpDayOffsets: number[];
}

export class InvalidTreatmentPlan extends Error {}

/**
 * Derives the treatment plan of a registered trial, or null when it has no executable protocol.
 * Rejects schedules that cannot be run: duplicate infusion numbers, or day offsets that do not rise
 * with the infusion number.
 */
export function treatmentPlanFrom(trial: TrialRegisteredPayload): TreatmentPlan | null {
  const protocol = trial.protocol;
  if (!protocol) return null;
  const infusions = [...protocol.infusions].sort((a, b) => a.number - b.number);
  infusions.forEach((infusion, index) => {
    if (infusion.number !== index + 1) {
      throw new InvalidTreatmentPlan(`infusions: numbers must run 1..${infusions.length} without gaps or repeats`);
    }
    if (index > 0 && infusion.dayOffset <= infusions[index - 1].dayOffset) {
      throw new InvalidTreatmentPlan(`infusions[${index}].dayOffset: must be later than infusion ${index}'s`);
    }
  });
  const lastInfusionDay = infusions[infusions.length - 1].dayOffset;
  return {
    trialId: trial.nctId,
    protocolVersion: protocol.version,
    dosing: protocol.dosing,
    infusions,
    assessments: protocol.assessments,
    followUp: protocol.followUp,
    followUpDayOffsets: protocol.followUp.visitDays.map((day) => lastInfusionDay + day),
  };
}
