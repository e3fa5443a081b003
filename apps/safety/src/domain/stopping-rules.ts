import type { StoppingRule } from '@trialstream/contracts';

/** One case's current version, as stopping rules read it. */
export interface CaseFacts {
  caseId: string;
  subjectId: string;
  grade: number;
  eventCategory: string | null;
  serious: boolean;
  suspectedRelated: boolean;
}

/**
 * Whether a case counts for a rule. Stopping rules are about the product's safety, so only events
 * suspected related to it count (the protocol's rules speak of infusion reactions, events
 * "possibly related to the product" and "related serious adverse events"). A rule's minGrade and
 * eventCategory narrow it; a rule with a relatedSeriousEventCount counts serious events only.
 */
export function countsFor(rule: StoppingRule, facts: CaseFacts): boolean {
  if (!facts.suspectedRelated) return false;
  if (rule.minGrade !== undefined && facts.grade < rule.minGrade) return false;
  if (rule.eventCategory !== undefined && facts.eventCategory !== rule.eventCategory) return false;
  return rule.relatedSeriousEventCount === undefined || facts.serious;
}

/**
 * The rules a new case version triggers: those it now counts for and did not before (a follow-up
 * that changes nothing the rule reads triggers nothing again), and, for a rule with a count, only
 * once the cases counting for it in its scope (the subject's, or the whole trial's) reach the count.
 */
export function triggeredRules(rules: readonly StoppingRule[], current: CaseFacts, previous: CaseFacts | undefined, otherCases: readonly CaseFacts[]): StoppingRule[] {
  return rules.filter((rule) => countsFor(rule, current) && !(previous && countsFor(rule, previous)) && reachesCount(rule, current, otherCases));
}

function reachesCount(rule: StoppingRule, current: CaseFacts, otherCases: readonly CaseFacts[]): boolean {
  if (rule.relatedSeriousEventCount === undefined) return true;
  const inScope = otherCases.filter((c) => c.caseId !== current.caseId && (rule.scope === 'TRIAL' || c.subjectId === current.subjectId));
  return inScope.filter((c) => countsFor(rule, c)).length + 1 >= rule.relatedSeriousEventCount;
}
