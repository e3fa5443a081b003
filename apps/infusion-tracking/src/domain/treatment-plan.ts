import type {
  DosingRule, FollowUpPlan, PlannedAssessment, PlannedInfusion, ProtocolVersionPublishedPayload, TrialSite,
} from '@trialstream/contracts';

/** What infusion tracking needs of a protocol version: how much, when, and what follows. */
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
  /** The sites and their time zones, on whose calendars visit windows open and close; null when the protocol lists none. */
  sites: TrialSite[] | null;
}

/** The contract guarantees a runnable schedule (numbered 1..n, days rising); this orders it. */
export function treatmentPlanFrom({ trialId, protocol }: ProtocolVersionPublishedPayload): TreatmentPlan {
  const infusions = [...protocol.infusions].sort((a, b) => a.number - b.number);
  const lastInfusionDay = infusions[infusions.length - 1].dayOffset;
  return {
    trialId: trialId,
    protocolVersion: protocol.version,
    dosing: protocol.dosing,
    infusions,
    assessments: protocol.assessments,
    followUp: protocol.followUp,
    followUpDayOffsets: protocol.followUp.visitDays.map((day) => lastInfusionDay + day),
    sites: protocol.sites ?? null,
  };
}
