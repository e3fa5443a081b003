import { refusalOf } from '@trialstream/testing';
import { assertCanLift, assertCanPlace, holdForRule, type ActiveHold } from './dosing-holds';
import { REFERENCE_RULES } from './worked-examples.fixtures';

const { subjectReaction, trialDeath } = REFERENCE_RULES;
const subjectHold: ActiveHold = { holdId: 'h-subject', scope: 'SUBJECT', subjectId: 'S-001' };
const trialHold: ActiveHold = { holdId: 'h-trial', scope: 'TRIAL', subjectId: null };

const refusal = (run: () => unknown) => refusalOf(run, { withKind: true });

describe('dosing holds', () => {
  it("places a subject's hold for a SUBJECT rule and a trial-wide one for a TRIAL rule, naming the rule and the case", () => {
    expect(holdForRule(subjectReaction, 'S-001', 'C-1', [], false)).toEqual({
      action: 'PLACE',
      scope: 'SUBJECT',
      subjectId: 'S-001',
      reason: 'stopping rule SR-SUBJECT-INFUSION-REACTION: Pause dosing for a subject after a grade >= 3 infusion-related reaction (case C-1)',
    });
    expect(holdForRule(trialDeath, 'S-001', 'C-1', [], false)).toMatchObject({ action: 'PLACE', scope: 'TRIAL', reason: expect.stringContaining('SR-TRIAL-DEATH-OR-LIFE-THREATENING') });
    expect(holdForRule(trialDeath, 'S-001', 'C-1', [], false)).not.toHaveProperty('subjectId');
  });

  it('places no second hold on the same target', () => {
    expect(holdForRule(subjectReaction, 'S-001', 'C-2', [subjectHold], false)).toEqual({ action: 'ALREADY_HELD', holdId: 'h-subject' });
    expect(holdForRule(trialDeath, 'S-002', 'C-2', [subjectHold, trialHold], false)).toEqual({ action: 'ALREADY_HELD', holdId: 'h-trial' });
  });

  it("holds a subject even under a trial-wide hold, so lifting the trial's does not resume them", () => {
    expect(holdForRule(subjectReaction, 'S-002', 'C-2', [subjectHold, trialHold], false)).toMatchObject({ action: 'PLACE', subjectId: 'S-002' });
  });

  it('holds no withdrawn subject, but still the trial for them', () => {
    expect(holdForRule(subjectReaction, 'S-001', 'C-1', [], true)).toEqual({ action: 'NOT_NEEDED', why: 'subject S-001 has withdrawn: no further doses to hold' });
    expect(holdForRule(trialDeath, 'S-001', 'C-1', [], true)).toMatchObject({ action: 'PLACE', scope: 'TRIAL' });
  });

  it('lets a person place a hold where none is in place, a SUBJECT hold with its subject only', () => {
    expect(refusal(() => assertCanPlace('SUBJECT', 'S-002', [subjectHold]))).toBe('accepted');
    expect(refusal(() => assertCanPlace('SUBJECT', 'S-001', [subjectHold]))).toBe('conflict oneActiveHold');
    expect(refusal(() => assertCanPlace('TRIAL', undefined, [subjectHold]))).toBe('accepted');
    expect(refusal(() => assertCanPlace('TRIAL', undefined, [trialHold]))).toBe('conflict oneActiveHold');
    expect(refusal(() => assertCanPlace('SUBJECT', undefined, []))).toBe('invalid subjectOfSubjectHold');
    expect(refusal(() => assertCanPlace('TRIAL', 'S-001', []))).toBe('invalid noSubjectOfTrialHold');
  });

  it('lifts a hold once', () => {
    expect(refusal(() => assertCanLift({ holdId: 'h', liftedAt: null }))).toBe('accepted');
    expect(refusal(() => assertCanLift({ holdId: 'h', liftedAt: new Date('2015-06-20T08:00:00Z') }))).toBe('conflict inPlace');
  });
});
