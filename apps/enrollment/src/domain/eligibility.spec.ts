import type { ScreeningData } from '@trialstream/contracts';
import { sampleProtocol } from '@trialstream/testing';
import { evaluateEligibility } from './eligibility';

const rules = {
  ...sampleProtocol().eligibility,
  washouts: [
    { id: 'EX-SYSTEMIC-WASHOUT', therapyKind: 'SYSTEMIC' as const, minDaysBeforeBaseline: 28 },
    { id: 'EX-TOPICAL-WASHOUT', therapyKind: 'TOPICAL' as const, minDaysBeforeBaseline: 14 },
  ],
  exclusions: [
    { id: 'EX-PREGNANCY', description: 'Pregnant or lactating' },
    { id: 'EX-MALIGNANCY', description: 'History of malignancy' },
  ],
};

const eligible: ScreeningData = {
  subjectId: 'S-001',
  siteId: 'BJ-01',
  ageAtBaseline: 40,
  sex: 'FEMALE',
  baselineDate: '2015-06-01',
  baselinePasi: 12.4,
  baselineDlqi: 11,
  bodyWeightKg: 62,
  priorTherapies: [],
  testResults: ['HBV', 'HCV', 'HIV'].map((test) => ({ test, result: 'NEGATIVE' as const, date: '2015-05-25' })),
  exclusionAnswers: [
    { criterionId: 'EX-PREGNANCY', present: false },
    { criterionId: 'EX-MALIGNANCY', present: false },
  ],
};

const outcome = (patch: Partial<ScreeningData>, ruleId: string) =>
  evaluateEligibility(rules, { ...eligible, ...patch }).ruleResults.find((r) => r.ruleId === ruleId);

describe('evaluateEligibility', () => {
  it('lists every rule with the value seen, and passes a subject who meets them all', () => {
    const decision = evaluateEligibility(rules, eligible);
    expect(decision.eligible).toBe(true);
    expect(decision.ruleResults.map((r) => r.ruleId)).toEqual([
      'IN-AGE', 'IN-SEX', 'IN-BASELINE-PASI', 'EX-SYSTEMIC-WASHOUT', 'EX-TOPICAL-WASHOUT',
      'EX-TEST-HBV', 'EX-TEST-HCV', 'EX-TEST-HIV', 'EX-PREGNANCY', 'EX-MALIGNANCY',
    ]);
    expect(decision.ruleResults[2]).toEqual({ ruleId: 'IN-BASELINE-PASI', description: 'baseline PASI >= 8', observed: 'PASI 12.4', outcome: 'PASS' });
  });

  it.each([
    [17, 'FAIL'], [18, 'PASS'], [19, 'PASS'], [64, 'PASS'], [65, 'PASS'], [66, 'FAIL'],
  ])('age %i at baseline: %s (18 and 65 inclusive)', (ageAtBaseline: number, expected: string) => {
    expect(outcome({ ageAtBaseline }, 'IN-AGE')?.outcome).toBe(expected);
  });

  it('decides age from the year of birth only when both possible ages are inside the bounds', () => {
    expect(outcome({ ageAtBaseline: undefined, yearOfBirth: 1975 }, 'IN-AGE')).toMatchObject({ observed: '39 or 40 years (from year of birth)', outcome: 'PASS' });
    expect(outcome({ ageAtBaseline: undefined, yearOfBirth: 1997 }, 'IN-AGE')?.outcome).toBe('FAIL'); // 17 or 18
    expect(outcome({ ageAtBaseline: undefined, yearOfBirth: 1996 }, 'IN-AGE')?.outcome).toBe('PASS'); // 18 or 19
    expect(outcome({ ageAtBaseline: undefined, yearOfBirth: 1950 }, 'IN-AGE')?.outcome).toBe('PASS'); // 64 or 65
    expect(outcome({ ageAtBaseline: undefined, yearOfBirth: 1949 }, 'IN-AGE')?.outcome).toBe('FAIL'); // 65 or 66
  });

  it.each([
    [7.9, 'FAIL'], [8, 'PASS'], [8.1, 'PASS'],
  ])('baseline PASI %d: %s (>= 8)', (baselinePasi: number, expected: string) => {
    expect(outcome({ baselinePasi }, 'IN-BASELINE-PASI')?.outcome).toBe(expected);
  });

  it.each([
    ['2015-05-05', 'FAIL', 'last dose 27 days before baseline'],
    ['2015-05-04', 'PASS', 'last dose 28 days before baseline'],
    ['2015-04-01', 'PASS', 'last dose 61 days before baseline'],
  ])('systemic therapy last given %s: %s (28 days washout)', (lastDoseDate: string, expected: string, observed: string) => {
    const priorTherapies = [{ kind: 'SYSTEMIC' as const, name: 'methotrexate', lastDoseDate }];
    expect(outcome({ priorTherapies }, 'EX-SYSTEMIC-WASHOUT')).toMatchObject({ outcome: expected, observed });
  });

  it.each([
    ['2015-05-19', 'FAIL'], ['2015-05-18', 'PASS'],
  ])('topical therapy last given %s: %s (14 days washout)', (lastDoseDate: string, expected: string) => {
    const priorTherapies = [{ kind: 'TOPICAL' as const, name: 'calcipotriol', lastDoseDate }];
    expect(outcome({ priorTherapies }, 'EX-TOPICAL-WASHOUT')?.outcome).toBe(expected);
  });

  it('counts the latest dose when a therapy kind was given more than once', () => {
    const priorTherapies = [
      { kind: 'SYSTEMIC' as const, name: 'ciclosporin', lastDoseDate: '2015-01-01' },
      { kind: 'SYSTEMIC' as const, name: 'methotrexate', lastDoseDate: '2015-05-20' },
    ];
    expect(outcome({ priorTherapies }, 'EX-SYSTEMIC-WASHOUT')?.outcome).toBe('FAIL');
  });

  it('requires each named test to be negative, and fails a missing result', () => {
    const positive = eligible.testResults.map((t) => (t.test === 'HCV' ? { ...t, result: 'POSITIVE' as const } : t));
    expect(outcome({ testResults: positive }, 'EX-TEST-HCV')).toMatchObject({ outcome: 'FAIL', observed: 'POSITIVE on 2015-05-25' });
    expect(outcome({ testResults: eligible.testResults.filter((t) => t.test !== 'HIV') }, 'EX-TEST-HIV')).toMatchObject({
      outcome: 'FAIL',
      observed: 'no result',
    });
  });

  it('excludes on an exclusion present or not answered', () => {
    expect(outcome({ exclusionAnswers: [{ criterionId: 'EX-PREGNANCY', present: true }] }, 'EX-PREGNANCY')?.outcome).toBe('FAIL');
    expect(outcome({ exclusionAnswers: [{ criterionId: 'EX-PREGNANCY', present: false }] }, 'EX-MALIGNANCY')).toMatchObject({
      outcome: 'FAIL',
      observed: 'not answered',
    });
  });

  it('is not eligible when any single rule fails', () => {
    expect(evaluateEligibility(rules, { ...eligible, baselinePasi: 7 }).eligible).toBe(false);
    expect(evaluateEligibility({ ...rules, sex: 'MALE' }, eligible).eligible).toBe(false);
  });

  it('reads the latest result of a test, by date', () => {
    const hbv = (result: 'NEGATIVE' | 'POSITIVE', date: string) => ({ test: 'HBV', result, date });
    const others = eligible.testResults.filter((t) => t.test !== 'HBV');
    expect(outcome({ testResults: [hbv('NEGATIVE', '2015-05-30'), hbv('POSITIVE', '2015-05-10'), ...others] }, 'EX-TEST-HBV')).toMatchObject({ observed: 'NEGATIVE on 2015-05-30', outcome: 'PASS' });
    expect(outcome({ testResults: [hbv('POSITIVE', '2015-05-30'), hbv('NEGATIVE', '2015-05-10'), ...others] }, 'EX-TEST-HBV')).toMatchObject({ observed: 'POSITIVE on 2015-05-30', outcome: 'FAIL' });
  });

  it.each([
    ['2015-05-04', 'PASS'], // 28 days before baseline: the protocol's limit, inclusive
    ['2015-05-03', 'FAIL'], // 29 days
  ])('a negative test taken on %s: %s (at most 28 days before baseline)', (date: string, expected: string) => {
    const testResults = eligible.testResults.map((t) => (t.test === 'HCV' ? { ...t, date } : t));
    expect(outcome({ testResults }, 'EX-TEST-HCV')?.outcome).toBe(expected);
  });

  it('says "no recent result" for a test older than the protocol allows, and takes any age when it is silent', () => {
    const testResults = eligible.testResults.map((t) => (t.test === 'HIV' ? { ...t, date: '2015-01-15' } : t));
    expect(outcome({ testResults }, 'EX-TEST-HIV')).toEqual({
      ruleId: 'EX-TEST-HIV',
      description: 'HIV test negative, taken at most 28 days before baseline',
      observed: 'no recent result (latest NEGATIVE on 2015-01-15, 137 days before baseline)',
      outcome: 'FAIL',
    });
    const silent = evaluateEligibility({ ...rules, testResultMaxAgeDays: undefined }, { ...eligible, testResults });
    expect(silent.ruleResults.find((r) => r.ruleId === 'EX-TEST-HIV')).toMatchObject({ description: 'HIV test negative', outcome: 'PASS' });
  });
});
