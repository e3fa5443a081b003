import { compareCalendarDates, daysBetween, yearOf, type EligibilityRules, type RuleResult, type ScreeningData, type TestResult } from '@trialstream/contracts';

export interface EligibilityDecision {
  eligible: boolean;
  /** Every rule, in protocol order, with the value seen: a monitor can see why a subject was excluded. */
  ruleResults: RuleResult[];
}

const result = (ruleId: string, description: string, observed: string, pass: boolean): RuleResult => ({
  ruleId,
  description,
  observed,
  outcome: pass ? 'PASS' : 'FAIL',
});

/**
 * Judges a screened subject against the protocol's eligibility rules, rule by rule. Boundaries are
 * inclusive (age 18 and 65 pass, PASI 8 passes); washouts count whole days from the last dose to the
 * baseline visit. A missing answer fails its rule: nobody the protocol might exclude is enrolled.
 */
export function evaluateEligibility(rules: EligibilityRules, screening: ScreeningData): EligibilityDecision {
  const ruleResults = [
    ageResult(rules, screening),
    result('IN-SEX', `sex ${rules.sex}`, screening.sex, rules.sex === 'ALL' || rules.sex === screening.sex),
    result(
      'IN-BASELINE-PASI',
      `baseline PASI >= ${rules.minimumBaselinePasi}`,
      `PASI ${screening.baselinePasi.toFixed(1)}`,
      screening.baselinePasi >= rules.minimumBaselinePasi,
    ),
    ...rules.washouts.map((washout) => {
      const lastDoses = screening.priorTherapies.filter((t) => t.kind === washout.therapyKind).map((t) => t.lastDoseDate).sort(compareCalendarDates);
      const description = `no ${washout.therapyKind.toLowerCase()} therapy within ${washout.minDaysBeforeBaseline} days before baseline`;
      if (lastDoses.length === 0) return result(washout.id, description, `no ${washout.therapyKind.toLowerCase()} therapy`, true);
      const days = daysBetween(lastDoses[lastDoses.length - 1], screening.baselineDate);
      return result(washout.id, description, `last dose ${days} days before baseline`, days >= washout.minDaysBeforeBaseline);
    }),
    ...rules.requiredNegativeTests.map((test) => testResult(rules, screening, test)),
    ...rules.exclusions.map((exclusion) => {
      const answer = screening.exclusionAnswers.find((a) => a.criterionId === exclusion.id);
      const observed = answer === undefined ? 'not answered' : answer.present ? 'present' : 'absent';
      return result(exclusion.id, exclusion.description, observed, answer?.present === false);
    }),
  ];
  return { eligible: ruleResults.every((r) => r.outcome === 'PASS'), ruleResults };
}

/** The latest result of a required test counts, and only if it is recent enough at baseline (when the protocol says how recent). */
function testResult(rules: EligibilityRules, screening: ScreeningData, test: string): RuleResult {
  const maxAge = rules.testResultMaxAgeDays;
  const description = maxAge === undefined ? `${test} test negative` : `${test} test negative, taken at most ${maxAge} days before baseline`;
  const latest = screening.testResults.filter((t) => t.test === test).sort((a, b) => compareCalendarDates(a.date, b.date)).pop();
  if (!latest) return result(`EX-TEST-${test}`, description, 'no result', false);
  const age = daysBetween(latest.date, screening.baselineDate);
  if (maxAge !== undefined && age > maxAge) return result(`EX-TEST-${test}`, description, `no recent result (latest ${describe(latest)}, ${age} days before baseline)`, false);
  return result(`EX-TEST-${test}`, description, describe(latest), latest.result === 'NEGATIVE');
}

const describe = (test: TestResult) => `${test.result} on ${test.date}`;

function ageResult(rules: EligibilityRules, screening: ScreeningData): RuleResult {
  const { minYears, maxYears } = rules.age;
  const description = `age ${minYears}-${maxYears} years at baseline`;
  if (screening.ageAtBaseline !== undefined) {
    const age = screening.ageAtBaseline;
    return result('IN-AGE', description, `${age} years`, age >= minYears && age <= maxYears);
  }
  // From the year of birth alone the age is one of two values: pass only if both are inside.
  const upper = yearOf(screening.baselineDate) - (screening.yearOfBirth ?? Number.NaN);
  const lower = upper - 1;
  const inside = lower >= minYears && upper <= maxYears;
  return result('IN-AGE', description, Number.isNaN(upper) ? 'not given' : `${lower} or ${upper} years (from year of birth)`, inside);
}
