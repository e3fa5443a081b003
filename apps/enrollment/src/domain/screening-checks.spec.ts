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
});
