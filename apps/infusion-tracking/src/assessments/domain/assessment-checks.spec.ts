import { RuleViolationError, type AssessmentData, type PasiRegionScore } from '@trialstream/contracts';
import { assertAssessable, assessmentProblems, pasiOf, type AssessmentContext } from './assessment-checks';

const region = (r: PasiRegionScore['region'], e: number, i: number, d: number, area: number): PasiRegionScore => ({
  region: r, erythema: e, induration: i, desquamation: d, area,
});
// 0.1x3x1 + 0.2x3x1 + 0.3x3x2 + 0.4x3x1 = 3.9
const regions = [region('HEAD', 1, 1, 1, 1), region('UPPER_LIMBS', 1, 1, 1, 1), region('TRUNK', 1, 1, 1, 2), region('LOWER_LIMBS', 1, 1, 1, 1)];
const answers = Array.from({ length: 10 }, (_, i) => ({ item: i + 1, score: 1 }));
const afterTreatment: AssessmentData = { timepoint: 'AFTER_INFUSION', visitNumber: 6, assessedOn: '2015-07-30', pasi: { total: 3.9 }, dlqi: { answers } };

const rules = (assessment: Partial<AssessmentData>) => assessmentProblems({ ...afterTreatment, ...assessment }).map((p) => p.rule);

describe('assessmentProblems', () => {
  it('accepts a PASI total, four region scores, or both when they agree', () => {
    expect(rules({})).toEqual([]);
    expect(rules({ pasi: { components: regions } })).toEqual([]);
    expect(rules({ pasi: { total: 3.9, components: regions } })).toEqual([]);
    expect(pasiOf({ components: regions })).toBe(3.9);
  });

  it('refuses region scores that contradict the total, a region scored twice, and regions without a total that miss one', () => {
    expect(assessmentProblems({ ...afterTreatment, pasi: { total: 5, components: regions } })).toEqual([
      { field: 'pasi.total', rule: 'matchesComponents', message: 'pasi.total 5 does not match its components (3.9)' },
    ]);
    expect(rules({ pasi: { components: [regions[0], regions[0]] } })).toEqual(['regionOnce']);
    expect(rules({ pasi: { components: regions.slice(0, 3) } })).toEqual(['allRegions']);
    expect(rules({ pasi: {} })).toEqual(['totalOrComponents']);
  });

  it('refuses a DLQI question answered twice, and an assessment with neither instrument', () => {
    expect(rules({ dlqi: { answers: [...answers.slice(0, 9), { item: 4, score: 3 }] } })).toEqual(['itemOnce']);
    expect(rules({ pasi: undefined, dlqi: undefined })).toEqual(['pasiOrDlqi']);
  });
});

describe('assertAssessable', () => {
  const context: AssessmentContext = {
    planned: [
      { instrument: 'PASI', timepoint: 'BASELINE' },
      { instrument: 'PASI', timepoint: 'AFTER_INFUSION', afterInfusion: 6 },
      { instrument: 'DLQI', timepoint: 'AFTER_INFUSION', afterInfusion: 6 },
    ],
    dueSince: '2015-07-27',
    followUpVisit: undefined,
    baselineDate: '2015-06-01',
    today: '2015-07-30',
    recorded: [],
  };
  const outcome = (assessment: Partial<AssessmentData>, changes: Partial<AssessmentContext> = {}) => {
    try {
      assertAssessable({ ...afterTreatment, ...assessment }, { ...context, ...changes });
    } catch (error) {
      const { kind, violations, name } = error as RuleViolationError;
      return `${name === 'PrerequisiteMissingError' ? 'wait' : kind} ${violations[0].rule}`;
    }
    return 'accepted';
  };

  it('takes the post-treatment assessment once the treatment completed, from the day of the last infusion to today at the site', () => {
    expect(outcome({})).toBe('accepted');
    expect(outcome({ assessedOn: '2015-07-27' })).toBe('accepted');
    expect(outcome({}, { dueSince: undefined })).toBe('wait assessmentDue');
    expect(outcome({ assessedOn: '2015-07-26' })).toBe('invalid notBeforeDue');
    expect(outcome({ assessedOn: '2015-07-31' })).toBe('invalid notInFuture');
  });

  it('refuses an instrument the protocol does not plan after that infusion', () => {
    expect(outcome({ visitNumber: 3 })).toBe('invalid plannedTimepoint');
    expect(outcome({}, { planned: context.planned.slice(0, 2) })).toBe('invalid plannedTimepoint');
    expect(outcome({ dlqi: undefined }, { planned: context.planned.slice(0, 2) })).toBe('accepted');
  });

  it('takes an assessment at a planned follow-up visit, not at one cancelled or absent, nor before baseline', () => {
    const atFollowUp = { timepoint: 'FOLLOW_UP' as const, visitNumber: 2, assessedOn: '2015-07-30' };
    expect(outcome(atFollowUp, { followUpVisit: { status: 'PLANNED' }, dueSince: undefined })).toBe('accepted');
    expect(outcome(atFollowUp, { followUpVisit: { status: 'CANCELLED' } })).toBe('conflict notCancelled');
    expect(outcome(atFollowUp)).toBe('invalid plannedVisit');
    expect(outcome({ ...atFollowUp, assessedOn: '2015-05-31' }, { followUpVisit: { status: 'PLANNED' } })).toBe('invalid afterBaseline');
  });

  it('records each instrument once per timepoint', () => {
    expect(outcome({}, { recorded: ['DLQI'] })).toBe('conflict assessedOnce');
    expect(outcome({ dlqi: undefined }, { recorded: ['DLQI'] })).toBe('accepted');
  });
});
