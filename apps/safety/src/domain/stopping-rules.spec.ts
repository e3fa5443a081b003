import { triggeredRules, type CaseFacts } from './stopping-rules';
import { REFERENCE_RULES } from './worked-examples.fixtures';

const { subjectReaction, trialDeath, trialCount } = REFERENCE_RULES;
const ALL = [subjectReaction, trialDeath, trialCount];

const facts = (overrides: Partial<CaseFacts> = {}): CaseFacts => ({
  caseId: 'C-1',
  subjectId: 'S-001',
  grade: 2,
  eventCategory: null,
  serious: false,
  suspectedRelated: true,
  ...overrides,
});
const triggered = (current: CaseFacts, previous?: CaseFacts, others: CaseFacts[] = []) => triggeredRules(ALL, current, previous, others).map((r) => r.id);
const reaction = (grade: number) => facts({ grade, eventCategory: 'INFUSION_RELATED_REACTION' });
const relatedSerious = (caseId: string, subjectId: string) => facts({ caseId, subjectId, serious: true });

describe('stopping rules of the reference protocol, at and below each threshold', () => {
  it('SR-SUBJECT-INFUSION-REACTION: a grade 3 infusion reaction holds the subject, grade 2 does not', () => {
    expect(triggered(reaction(3))).toEqual(['SR-SUBJECT-INFUSION-REACTION']);
    expect(triggered(reaction(2))).toEqual([]);
  });

  it('SR-SUBJECT-INFUSION-REACTION: a grade 3 event of another category does not', () => {
    expect(triggered(facts({ grade: 3, eventCategory: 'RASH' }))).toEqual([]);
    expect(triggered(facts({ grade: 3 }))).toEqual([]);
  });

  it('SR-TRIAL-DEATH-OR-LIFE-THREATENING: a related grade 4 event pauses the trial, grade 3 does not', () => {
    expect(triggered(facts({ grade: 4 }))).toEqual(['SR-TRIAL-DEATH-OR-LIFE-THREATENING']);
    expect(triggered(facts({ grade: 5, serious: true }))).toEqual(['SR-TRIAL-DEATH-OR-LIFE-THREATENING']);
    expect(triggered(facts({ grade: 3 }))).toEqual([]);
  });

  it('SR-TRIAL-RELATED-SERIOUS-COUNT: the third related serious event in the trial pauses it, the second does not', () => {
    const first = relatedSerious('C-1', 'S-001');
    const second = relatedSerious('C-2', 'S-002');
    expect(triggered(second, undefined, [first])).toEqual([]);
    expect(triggered(relatedSerious('C-3', 'S-003'), undefined, [first, second])).toEqual(['SR-TRIAL-RELATED-SERIOUS-COUNT']);
  });

  it('SR-TRIAL-RELATED-SERIOUS-COUNT: counts serious events only', () => {
    const nonSerious = facts({ caseId: 'C-2', subjectId: 'S-002' });
    expect(triggered(relatedSerious('C-3', 'S-003'), undefined, [relatedSerious('C-1', 'S-001'), nonSerious])).toEqual([]);
    expect(triggered(facts({ caseId: 'C-3', subjectId: 'S-003' }), undefined, [relatedSerious('C-1', 'S-001'), relatedSerious('C-2', 'S-002')])).toEqual([]);
  });

  it('counts only events suspected related to the product', () => {
    expect(triggered(facts({ grade: 5, serious: true, suspectedRelated: false }))).toEqual([]);
    expect(triggered(facts({ ...reaction(4), suspectedRelated: false }))).toEqual([]);
    const unrelated = facts({ caseId: 'C-2', serious: true, suspectedRelated: false });
    expect(triggered(relatedSerious('C-3', 'S-003'), undefined, [relatedSerious('C-1', 'S-001'), unrelated])).toEqual([]);
  });

  it('does not count a case twice: its own earlier version is not another case', () => {
    const current = relatedSerious('C-2', 'S-002');
    expect(triggered(current, facts({ caseId: 'C-2', subjectId: 'S-002' }), [relatedSerious('C-1', 'S-001'), current])).toEqual([]);
  });

  it('triggers on the follow-up that makes a case count, and not again on one that changes nothing the rule reads', () => {
    expect(triggered(reaction(3), reaction(2))).toEqual(['SR-SUBJECT-INFUSION-REACTION']);
    expect(triggered(reaction(3), reaction(3))).toEqual([]);
    expect(triggered(reaction(4), reaction(3))).toEqual(['SR-TRIAL-DEATH-OR-LIFE-THREATENING']);
  });

  it('counts a SUBJECT rule with a count within the subject only', () => {
    const perSubject = { id: 'SR-SUBJECT-TWO-SERIOUS', scope: 'SUBJECT' as const, description: 'two related serious events of one subject', relatedSeriousEventCount: 2 };
    const rules = [perSubject];
    expect(triggeredRules(rules, relatedSerious('C-2', 'S-001'), undefined, [relatedSerious('C-1', 'S-002')])).toEqual([]);
    expect(triggeredRules(rules, relatedSerious('C-2', 'S-001'), undefined, [relatedSerious('C-1', 'S-001')])).toEqual([perSubject]);
  });
});
