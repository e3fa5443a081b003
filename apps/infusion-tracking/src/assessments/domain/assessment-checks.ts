import {
  compareCalendarDates, dlqiProblems, PASI_REGIONS, pasiProblems, pasiScore, PrerequisiteMissingError, RuleViolationError,
  type AssessmentData, type CalendarDate, type PasiAssessment, type PlannedAssessment, type RuleViolation,
} from '@trialstream/contracts';
import type { VisitStatus } from '../../domain/subject-schedule';

export type Instrument = PlannedAssessment['instrument'];

const PASI_FIELDS = { components: 'pasi.components', total: 'pasi.total' };

/** Gaps and contradictions within an assessment: input errors, refused before anything is looked up. */
export function assessmentProblems({ pasi, dlqi }: AssessmentData): RuleViolation[] {
  if (!pasi && !dlqi) return [{ field: 'pasi', rule: 'pasiOrDlqi', message: 'give a PASI, a DLQI or both' }];
  return [...(pasi ? pasiAssessmentProblems(pasi) : []), ...(dlqi ? dlqiProblems(dlqi.answers, 'dlqi.answers') : [])];
}

/** A total stands for itself (its region scores, if given, must add up to it); without one, all four regions are scored. */
function pasiAssessmentProblems({ total, components }: PasiAssessment): RuleViolation[] {
  if (total === undefined && components === undefined) {
    return [{ field: 'pasi', rule: 'totalOrComponents', message: 'give the PASI total or its four region scores' }];
  }
  const contradictions = pasiProblems(components, total ?? pasiScore(components ?? []), PASI_FIELDS);
  if (contradictions.length > 0 || total !== undefined) return contradictions;
  if (components?.length === PASI_REGIONS.length) return [];
  return [{ field: PASI_FIELDS.components, rule: 'allRegions', message: 'without a total, score each of the four regions: head, upper limbs, trunk, lower limbs' }];
}

/** The PASI an assessment gives: its total, or the score of its regions. */
export function pasiOf({ total, components }: PasiAssessment): number {
  return total ?? pasiScore(components ?? []);
}

function instrumentsOf({ pasi, dlqi }: AssessmentData): Instrument[] {
  return [...(pasi ? ['PASI' as const] : []), ...(dlqi ? ['DLQI' as const] : [])];
}

/** What an assessment is judged against: the subject's plan and record, and today at their site. */
export interface AssessmentContext {
  /** The assessments the subject's protocol version plans. */
  planned: readonly PlannedAssessment[];
  /** For an AFTER_INFUSION timepoint: the day it fell due (the last infusion), once treatment completed. */
  dueSince: CalendarDate | undefined;
  /** For a FOLLOW_UP timepoint: that visit of the subject's plan. */
  followUpVisit: { status: VisitStatus } | undefined;
  baselineDate: CalendarDate;
  today: CalendarDate;
  /** Instruments recorded at this timepoint already. */
  recorded: readonly Instrument[];
}

/**
 * An assessment after an infusion must be one the protocol plans, and due (treatment completed:
 * until then it waits); one at a follow-up visit needs that visit planned. Each instrument is
 * recorded once per timepoint, on a day between baseline and today at the site.
 */
export function assertAssessable(assessment: AssessmentData, context: AssessmentContext): void {
  const { timepoint, visitNumber, assessedOn } = assessment;
  const instruments = instrumentsOf(assessment);
  if (timepoint === 'AFTER_INFUSION') {
    const unplanned = instruments.filter((i) => !context.planned.some((p) => p.instrument === i && p.timepoint === 'AFTER_INFUSION' && p.afterInfusion === visitNumber));
    if (unplanned.length > 0) {
      throw RuleViolationError.of('visitNumber', 'plannedTimepoint', `the protocol plans no ${unplanned.join(' or ')} after infusion ${visitNumber}`);
    }
    if (context.dueSince === undefined) {
      throw new PrerequisiteMissingError('timepoint', 'assessmentDue', `the assessment after infusion ${visitNumber} is not due: the treatment has not completed`);
    }
    if (compareCalendarDates(assessedOn, context.dueSince) < 0) {
      throw RuleViolationError.of('assessedOn', 'notBeforeDue', `assessedOn ${assessedOn} is before the last infusion (${context.dueSince})`);
    }
  } else if (!context.followUpVisit) {
    throw RuleViolationError.of('visitNumber', 'plannedVisit', `the subject has no follow-up visit ${visitNumber}`);
  } else if (context.followUpVisit.status === 'CANCELLED') {
    throw RuleViolationError.of('visitNumber', 'notCancelled', `follow-up visit ${visitNumber} was cancelled (withdrawal or amendment)`, 'conflict');
  }
  if (compareCalendarDates(assessedOn, context.today) > 0) throw RuleViolationError.of('assessedOn', 'notInFuture', `assessedOn ${assessedOn} is in the future`);
  if (compareCalendarDates(assessedOn, context.baselineDate) < 0) {
    throw RuleViolationError.of('assessedOn', 'afterBaseline', `assessedOn ${assessedOn} is before the baseline visit (${context.baselineDate})`);
  }
  const twice = instruments.filter((i) => context.recorded.includes(i));
  if (twice.length > 0) {
    throw RuleViolationError.of('timepoint', 'assessedOnce', `${twice.join(' and ')} at this timepoint ${twice.length > 1 ? 'are' : 'is'} recorded already`, 'conflict');
  }
}
