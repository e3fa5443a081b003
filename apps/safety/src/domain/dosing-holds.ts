import { RuleViolationError, type HoldScope, type StoppingRule } from '@trialstream/contracts';

export interface ActiveHold {
  holdId: string;
  scope: HoldScope;
  subjectId: string | null;
}

export type HoldDecision =
  | { action: 'PLACE'; scope: HoldScope; subjectId?: string; reason: string }
  | { action: 'ALREADY_HELD'; holdId: string }
  | { action: 'NOT_NEEDED'; why: string };

const sameTarget = (hold: ActiveHold, scope: HoldScope, subjectId?: string) => hold.scope === scope && (scope === 'TRIAL' || hold.subjectId === subjectId);

/**
 * The hold a triggered rule calls for: the subject's dosing for a SUBJECT rule, the whole trial's
 * for a TRIAL rule. A hold already in place on the same target is enough; a withdrawn subject
 * receives no more doses to hold. A subject's hold is placed even under a trial-wide one, so that
 * lifting the trial's hold does not resume that subject.
 */
export function holdForRule(rule: StoppingRule, subjectId: string, caseId: string, active: readonly ActiveHold[], subjectWithdrawn: boolean): HoldDecision {
  const target = rule.scope === 'SUBJECT' ? subjectId : undefined;
  const existing = active.find((hold) => sameTarget(hold, rule.scope, target));
  if (existing) return { action: 'ALREADY_HELD', holdId: existing.holdId };
  if (rule.scope === 'SUBJECT' && subjectWithdrawn) return { action: 'NOT_NEEDED', why: `subject ${subjectId} has withdrawn: no further doses to hold` };
  return { action: 'PLACE', scope: rule.scope, ...(target ? { subjectId: target } : {}), reason: `stopping rule ${rule.id}: ${rule.description} (case ${caseId})` };
}

/** A person places a hold where none is in place; a SUBJECT hold names its subject. */
export function assertCanPlace(scope: HoldScope, subjectId: string | undefined, active: readonly ActiveHold[]): void {
  if (scope === 'SUBJECT' && !subjectId) throw RuleViolationError.of('subjectId', 'subjectOfSubjectHold', 'a SUBJECT hold names its subjectId');
  if (scope === 'TRIAL' && subjectId) throw RuleViolationError.of('subjectId', 'noSubjectOfTrialHold', 'a TRIAL hold covers every subject: give no subjectId');
  const existing = active.find((hold) => sameTarget(hold, scope, subjectId));
  if (existing) {
    throw RuleViolationError.of('scope', 'oneActiveHold', `dosing is already on hold for ${scope === 'TRIAL' ? 'the trial' : `subject ${subjectId}`} (hold ${existing.holdId})`, 'conflict');
  }
}

/** The role that alone lifts a hold of this scope: a trial-wide hold is the data and safety monitoring board's to lift. */
export function liftingRole(scope: HoldScope): 'dsmb' | undefined {
  return scope === 'TRIAL' ? 'dsmb' : undefined;
}

/** Lifting is a person's decision on a hold still in place. */
export function assertCanLift(hold: { holdId: string; liftedAt: Date | null }): void {
  if (hold.liftedAt) throw RuleViolationError.of('holdId', 'inPlace', `hold ${hold.holdId} was lifted already, at ${hold.liftedAt.toISOString()}`, 'conflict');
}
