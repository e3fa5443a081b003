import { addDays, type CalendarDate, type ScreeningData } from '@trialstream/contracts';
import { eligibleScreening, sampleEnvelope } from '@trialstream/testing';

const REFERENCE_TRIAL = 'NCT02491658';

export { eligibleScreening } from '@trialstream/testing';

export const screeningEvent = (payload: object) => sampleEnvelope(payload, { type: 'ScreeningSubmitted', trialId: REFERENCE_TRIAL, subjectId: (payload as ScreeningData).subjectId });

/** The eligible screening moved to a baseline visit two days before `today`, for tests whose visits lie ahead of the clock. */
export function screenedRecently(subjectId: string, today: CalendarDate): ScreeningData {
  const screening = eligibleScreening(subjectId);
  return {
    ...screening,
    baselineDate: addDays(today, -2),
    priorTherapies: screening.priorTherapies.map((therapy) => ({ ...therapy, lastDoseDate: addDays(today, -60) })),
    testResults: screening.testResults.map((test) => ({ ...test, date: addDays(today, -5) })),
  };
}
