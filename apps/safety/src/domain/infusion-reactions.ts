import type { AdverseEventReport, InfusionReactionReportedPayload, SeriousnessCriterion } from '@trialstream/contracts';

/** The protocol's event category of a reaction to an infusion, as stopping rules name it. */
export const INFUSION_RELATED_REACTION = 'INFUSION_RELATED_REACTION';

/**
 * A reaction infusion tracking forwarded, read as the first report of an adverse-event case. It
 * carries a grade but no assessment, so safety assumes the worst a grade allows until the
 * sponsor's follow-up (same caseId) assesses it: related (it is a reaction to the infusion),
 * unexpected (not yet judged against the reference safety information), life-threatening at
 * grade 4 and fatal at grade 5 (CTCAE's definitions of those grades).
 */
export function reportFromInfusionReaction(reaction: InfusionReactionReportedPayload, eventId: string): AdverseEventReport {
  const seriousness: SeriousnessCriterion[] = reaction.ctcaeGrade === 5 ? ['DEATH'] : reaction.ctcaeGrade === 4 ? ['LIFE_THREATENING'] : [];
  return {
    subjectId: reaction.subjectId,
    caseId: infusionReactionCaseId(reaction.subjectId, reaction.infusionNumber),
    reportId: eventId,
    onsetDate: reaction.onsetDate,
    awareDate: reaction.awareDate,
    term: reaction.term,
    eventCategory: INFUSION_RELATED_REACTION,
    ctcaeGrade: reaction.ctcaeGrade,
    seriousness,
    outcome: reaction.ctcaeGrade === 5 ? 'FATAL' : 'UNKNOWN',
    causality: 'RELATED',
    expectedness: 'UNEXPECTED',
    narrative: `${reaction.description} (infusion ${reaction.infusionNumber}, administered ${reaction.administeredAt})`,
    reporter: reaction.reporter,
  };
}

/** One case per subject and infusion: a corrected reaction report is a follow-up of the same case. */
export function infusionReactionCaseId(subjectId: string, infusionNumber: number): string {
  return `${subjectId}-IRR-${infusionNumber}`;
}
