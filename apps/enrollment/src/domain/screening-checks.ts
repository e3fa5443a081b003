import type { RuleViolation, ScreeningData } from '@trialstream/contracts';
import { pasiScore } from './pasi';

/**
 * Checks a screening submission for contradictions before eligibility is judged: these are input
 * errors (answered with 400 or dead-lettered), not reasons to exclude the subject.
 */
export function screeningProblems(screening: ScreeningData): RuleViolation[] {
  const problems: RuleViolation[] = [];
  if (screening.ageAtBaseline === undefined && screening.yearOfBirth === undefined) {
    problems.push({ field: 'ageAtBaseline', rule: 'ageOrYearOfBirth', message: 'give ageAtBaseline (or at least yearOfBirth)' });
  }
  const components = screening.pasiComponents;
  if (components && components.length > 0) {
    const regions = components.map((c) => c.region);
    if (new Set(regions).size !== regions.length) {
      problems.push({ field: 'pasiComponents', rule: 'regionOnce', message: 'each body region may be scored once' });
    } else if (Math.abs(pasiScore(components) - screening.baselinePasi) > 0.05) {
      problems.push({
        field: 'baselinePasi',
        rule: 'matchesComponents',
        message: `baselinePasi ${screening.baselinePasi} does not match its components (${pasiScore(components)})`,
      });
    }
  }
  for (const therapy of screening.priorTherapies) {
    if (therapy.lastDoseDate > screening.baselineDate) {
      problems.push({ field: 'priorTherapies.lastDoseDate', rule: 'notAfterBaseline', message: `${therapy.name}: last dose after the baseline visit` });
    }
  }
  return problems;
}
