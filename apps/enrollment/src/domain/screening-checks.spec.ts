import type { ScreeningData } from '@trialstream/contracts';
import { screeningProblems } from './screening-checks';

const screening: ScreeningData = {
  subjectId: 'S-1', siteId: 'BJ-01', ageAtBaseline: 40, sex: 'MALE', baselineDate: '2015-06-01', baselinePasi: 17.6,
  pasiComponents: [
    { region: 'HEAD', erythema: 2, induration: 1, desquamation: 1, area: 2 },
    { region: 'UPPER_LIMBS', erythema: 2, induration: 2, desquamation: 1, area: 3 },
    { region: 'TRUNK', erythema: 3, induration: 2, desquamation: 2, area: 2 },
    { region: 'LOWER_LIMBS', erythema: 3, induration: 3, desquamation: 2, area: 3 },
  ],
  baselineDlqi: 12, bodyWeightKg: 70, priorTherapies: [], testResults: [], exclusionAnswers: [],
};
const rules = (patch: Partial<ScreeningData>) => screeningProblems({ ...screening, ...patch }).map((p) => p.rule);

describe('screeningProblems', () => {
  it('accepts a baseline PASI that matches its components', () => {
    expect(rules({})).toEqual([]);
  });

  it('names a PASI that does not match its components, and a region scored twice', () => {
    expect(screeningProblems({ ...screening, baselinePasi: 12 })[0].message).toBe('baselinePasi 12 does not match its components (17.6)');
    expect(rules({ pasiComponents: [screening.pasiComponents![0], screening.pasiComponents![0]] })).toEqual(['regionOnce']);
  });

  it('needs an age or a year of birth, and no therapy dosed after baseline', () => {
    expect(rules({ ageAtBaseline: undefined })).toEqual(['ageOrYearOfBirth']);
    expect(rules({ priorTherapies: [{ kind: 'TOPICAL', name: 'steroid', lastDoseDate: '2015-06-02' }] })).toEqual(['notAfterBaseline']);
  });

  it('refuses a criterion answered twice, naming it, whatever the answers', () => {
    const absent = { criterionId: 'EX-PREGNANCY', present: false };
    const answered = (answers: ScreeningData['exclusionAnswers']) => screeningProblems({ ...screening, exclusionAnswers: answers });
    expect(answered([absent, { ...absent, present: true }])).toEqual([
      { field: 'exclusionAnswers', rule: 'answeredOnce', message: 'criterion EX-PREGNANCY is answered more than once' },
    ]);
    expect(answered([absent, absent]).map((p) => p.rule)).toEqual(['answeredOnce']);
    expect(answered([absent, { criterionId: 'EX-OTHER', present: false }])).toEqual([]);
  });

  it('refuses one therapy listed twice', () => {
    const mtx = { kind: 'SYSTEMIC' as const, name: 'methotrexate', lastDoseDate: '2015-04-01' };
    expect(rules({ priorTherapies: [mtx, { ...mtx, name: ' Methotrexate', lastDoseDate: '2015-05-20' }] })).toEqual(['therapyOnce']);
    expect(rules({ priorTherapies: [mtx, { ...mtx, kind: 'TOPICAL' }] })).toEqual([]);
  });

  it('refuses two different results of one test on one day, and a test after baseline; agreeing copies pass', () => {
    const hbv = { test: 'HBV', result: 'NEGATIVE' as const, date: '2015-05-28' };
    expect(screeningProblems({ ...screening, testResults: [hbv, { ...hbv, result: 'POSITIVE' }] })).toEqual([
      { field: 'testResults', rule: 'oneResultPerDay', message: 'HBV on 2015-05-28: contradictory results (NEGATIVE and POSITIVE)' },
    ]);
    expect(rules({ testResults: [hbv, hbv] })).toEqual([]);
    expect(rules({ testResults: [hbv, { ...hbv, result: 'POSITIVE', date: '2015-05-29' }] })).toEqual([]);
    expect(rules({ testResults: [{ ...hbv, date: '2015-06-02' }] })).toEqual(['notAfterBaseline']);
  });
});
