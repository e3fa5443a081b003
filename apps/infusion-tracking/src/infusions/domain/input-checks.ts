import { compareCalendarDates, RuleViolationError, type CalendarDate, type InfusionAdministration, type RuleViolation } from '@trialstream/contracts';

/**
 * Contradictions within a report, refused before anything is looked up: a blood pressure whose
 * diastolic reading is not below its systolic one was typed wrong, and no rule can judge it.
 */
export function administrationProblems(report: InfusionAdministration): RuleViolation[] {
  return (['vitalSignsBefore', 'vitalSignsAfter'] as const)
    .filter((field) => report[field].diastolicMmHg >= report[field].systolicMmHg)
    .map((field) => ({
      field: `${field}.diastolicMmHg`,
      rule: 'belowSystolic',
      message: `${field}: diastolic ${report[field].diastolicMmHg} mmHg is not below systolic ${report[field].systolicMmHg} mmHg`,
    }));
}

/** An infusion dated after today at the site has not happened: an input error, not a deviation. */
export function assertGivenByToday(givenOn: CalendarDate, today: CalendarDate): void {
  if (compareCalendarDates(givenOn, today) > 0) {
    throw RuleViolationError.of('administeredAt', 'notInFuture', `administeredAt falls on ${givenOn} at the site, after today there (${today})`);
  }
}
