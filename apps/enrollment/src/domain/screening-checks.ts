import { compareCalendarDates, pasiProblems, type RuleViolation, type ScreeningData } from '@trialstream/contracts';

/**
 * Checks a screening submission for contradictions before eligibility is judged: these are input
 * errors (answered with 400 or dead-lettered), not reasons to exclude the subject. Every answer
 * counts: a criterion answered twice, a therapy listed twice or a test with two results on one day
 * is refused, never read as "whichever comes first".
 */
export function screeningProblems(screening: ScreeningData): RuleViolation[] {
  return [
    ...ageProblems(screening),
    ...pasiProblems(screening.pasiComponents, screening.baselinePasi, { components: 'pasiComponents', total: 'baselinePasi' }),
    ...therapyProblems(screening),
    ...testProblems(screening),
    ...answerProblems(screening),
  ];
}

function ageProblems(screening: ScreeningData): RuleViolation[] {
  if (screening.ageAtBaseline !== undefined || screening.yearOfBirth !== undefined) return [];
  return [{ field: 'ageAtBaseline', rule: 'ageOrYearOfBirth', message: 'give ageAtBaseline (or at least yearOfBirth)' }];
}

function therapyProblems(screening: ScreeningData): RuleViolation[] {
  const problems: RuleViolation[] = repeated(screening.priorTherapies.map((t) => `${t.kind} ${t.name.trim().toLowerCase()}`)).map((therapy) => ({
    field: 'priorTherapies',
    rule: 'therapyOnce',
    message: `${therapy.toLowerCase()} therapy is listed more than once: give its last dose once`,
  }));
  for (const therapy of screening.priorTherapies) {
    if (compareCalendarDates(therapy.lastDoseDate, screening.baselineDate) > 0) {
      problems.push({ field: 'priorTherapies.lastDoseDate', rule: 'notAfterBaseline', message: `${therapy.name}: last dose after the baseline visit` });
    }
  }
  return problems;
}

function testProblems(screening: ScreeningData): RuleViolation[] {
  const problems: RuleViolation[] = [];
  const resultsOnDay = new Map<string, Set<string>>();
  for (const { test, date, result } of screening.testResults) {
    const key = `${test} on ${date}`;
    resultsOnDay.set(key, (resultsOnDay.get(key) ?? new Set()).add(result));
    if (compareCalendarDates(date, screening.baselineDate) > 0) {
      problems.push({ field: 'testResults.date', rule: 'notAfterBaseline', message: `${test} test dated ${date}, after the baseline visit` });
    }
  }
  for (const [key, results] of resultsOnDay) {
    if (results.size > 1) problems.push({ field: 'testResults', rule: 'oneResultPerDay', message: `${key}: contradictory results (${[...results].join(' and ')})` });
  }
  return problems;
}

function answerProblems(screening: ScreeningData): RuleViolation[] {
  return repeated(screening.exclusionAnswers.map((a) => a.criterionId)).map((criterionId) => ({
    field: 'exclusionAnswers',
    rule: 'answeredOnce',
    message: `criterion ${criterionId} is answered more than once`,
  }));
}

/** Values that occur more than once, each named once. */
function repeated(values: string[]): string[] {
  const seen = new Set<string>();
  return [...new Set(values.filter((value) => seen.size === seen.add(value).size))];
}
