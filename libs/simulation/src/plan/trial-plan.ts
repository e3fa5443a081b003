import { addDays, startOfDayIn, type AdverseEventReport, type CalendarDate, type InfusionReport, type ProtocolDefinition } from '@trialstream/contracts';
import { adverseEvents, type PlannedCase } from './adverse-events';
import { assessmentAfterTreatment, type AssessmentSubmission } from './assessments';
import { screenCandidates, type Candidate } from './candidates';
import { SeededRandom } from './random';

export interface PlanOptions {
  seed: number;
  /** How many subjects the run enrolls: the trial's target, or fewer for a short rehearsal. */
  subjects: number;
  /** Day 0: the first infusion of every enrolled subject, on the site's calendar. */
  day0: CalendarDate;
}

/** What happens on one day of the trial, in the order a site and its monitors would do it. */
export type PlannedStep =
  | { kind: 'infusion'; day: number; subjectId: string; report: InfusionReport }
  | { kind: 'adverse-event'; day: number; subjectId: string; report: AdverseEventReport }
  | { kind: 'hold-review'; day: number; subjectId: string; reason: string }
  | { kind: 'assessment'; day: number; subjectId: string; assessment: AssessmentSubmission }
  | { kind: 'follow-up-visit'; day: number; subjectId: string; visit: { visitNumber: number; visitDate: CalendarDate } }
  | { kind: 'report-submission'; day: number; subjectId: string; caseId: string; submission: { report: 'INITIAL'; recipient: string; reference: string; submittedAt: string } };

const STEP_ORDER: Record<PlannedStep['kind'], number> = {
  infusion: 0, 'adverse-event': 1, 'hold-review': 2, assessment: 3, 'follow-up-visit': 4, 'report-submission': 5,
};

export interface SimulationPlan {
  seed: number;
  target: number;
  siteId: string;
  timeZone: string;
  day0: CalendarDate;
  /** Days before day 0 of the screening visit (the baseline) and of consent and enrollment. */
  screeningDay: number;
  consentDay: number;
  /** The consent form version subjects sign. */
  consentVersion: string;
  candidates: Candidate[];
  /** After recruitment, every step by day. */
  steps: PlannedStep[];
  /** The day the rehearsal ends: past the last follow-up window, so every notice has fallen due. */
  endDay: number;
  /** The safety cases the plan's reports and reactions open. */
  cases: PlannedCase[];
}

const SCREENING_DAY = -14;
const CONSENT_DAY = -7;

/**
 * The whole trial as a seeded plan, from the protocol alone: who is screened (and why some fail),
 * who consents and is enrolled up to the target, each infusion with its weight and dose (a dose
 * outside tolerance, an infusion outside its window, a missed one), the reaction that places a
 * dosing hold and its review, adverse events, the assessments after treatment and the follow-up
 * visits (one subject lost before the last). Pure: the same seed, protocol and day 0 give the same plan.
 */
export function planSimulation(protocol: ProtocolDefinition, options: PlanOptions): SimulationPlan {
  const random = new SeededRandom(options.seed);
  const site = protocol.sites?.[0] ?? { siteId: 'SITE-01', timeZone: 'UTC' };
  const target = Math.min(options.subjects, protocol.enrollmentTarget);
  const midnights = new Map<number, number>();
  // Working out a midnight in the site's zone is slow next to the rest of the plan; each day's is worked out once.
  const midnight = (day: number): number => {
    const known = midnights.get(day);
    if (known !== undefined) return known;
    const computed = startOfDayIn(addDays(options.day0, day), site.timeZone).getTime();
    midnights.set(day, computed);
    return computed;
  };
  const at = (day: number, hour: number) => new Date(midnight(day) + hour * 3_600_000).toISOString();
  const baselineDate = addDays(options.day0, SCREENING_DAY);

  const candidates = screenCandidates(protocol, random, { target, siteId: site.siteId, baselineDate });
  const enrolled = candidates.filter((c) => c.fate === 'ENROLLED').map((c) => c.screening);

  const infusions = [...protocol.infusions].sort((a, b) => a.number - b.number);
  const last = infusions[infusions.length - 1];
  const between = infusions.slice(1, -1);
  const [doseSubject, windowSubject, missedSubject, holdSubject, lostSubject] = random.sample(enrolled, 5).map((s) => s.subjectId);
  const doseDeviation = random.pick(between.length ? between : infusions).number;
  // An early infusion that still follows the one before it: outside its window, not out of order.
  const early = between.filter((p, i) => p.dayOffset - p.windowDaysBefore - 1 > infusions[i].dayOffset + infusions[i].windowDaysAfter);
  const earlyInfusion = early.length ? random.pick(early).number : undefined;
  const missedInfusion = between.length ? random.pick(between).number : undefined;
  // The reaction comes at an infusion with room before the next one for the hold to be reviewed and lifted.
  const reviewable = infusions.slice(0, -1).filter((p, i) => infusions[i + 1].dayOffset - infusions[i + 1].windowDaysBefore > p.dayOffset + p.windowDaysAfter + 1);
  const reactionInfusion = reviewable.length ? random.pick(reviewable).number : undefined;

  const steps: PlannedStep[] = [];
  for (const subject of enrolled) {
    const { subjectId } = subject;
    for (const planned of infusions) {
      if (subjectId === missedSubject && planned.number === missedInfusion) continue;
      const jitter = planned.number === 1 || planned === last ? 0 : random.chance(0.3) ? random.int(-planned.windowDaysBefore, planned.windowDaysAfter) : 0;
      const day = subjectId === windowSubject && planned.number === earlyInfusion ? planned.dayOffset - planned.windowDaysBefore - 1 : planned.dayOffset + jitter;
      const weight = Math.round((subject.bodyWeightKg + random.between(-1.5, 1.5)) * 10) / 10;
      const expected = protocol.dosing.cellsPerKg * weight;
      const spread = Math.min(4, protocol.dosing.tolerancePercent / 2) / 100;
      const factor = subjectId === doseSubject && planned.number === doseDeviation ? 1 - protocol.dosing.tolerancePercent / 100 - 0.08 : 1 + random.between(-spread, spread, 3);
      const reaction = subjectId === holdSubject && planned.number === reactionInfusion
        ? { ctcaeGrade: 3, term: 'Infusion related reaction', description: 'Rigors and hypotension 20 minutes in; infusion stopped, treated, observed overnight.' }
        : random.chance(0.04)
          ? { ctcaeGrade: random.int(1, 2), term: 'Infusion related reaction', description: 'Flushing and chills during the infusion; resolved with a slower rate.' }
          : undefined;
      steps.push({ kind: 'infusion', day, subjectId, report: infusionReport(planned.number, at(day, 10), weight, Math.round(expected * factor), random, reaction) });
      if (subjectId === holdSubject && planned.number === reactionInfusion) {
        steps.push({ kind: 'hold-review', day: day + 1, subjectId, reason: `Review of the grade 3 infusion reaction at infusion ${planned.number} found no lasting harm; dosing may resume` });
      }
    }
    const lastDay = last.dayOffset;
    const assessment = assessmentAfterTreatment(protocol, random, subject, last.number, addDays(options.day0, lastDay + 7));
    if (assessment) steps.push({ kind: 'assessment', day: lastDay + 7, subjectId, assessment });
    const { visitDays, windowDays } = protocol.followUp;
    visitDays.forEach((visitDay, i) => {
      if (subjectId === lostSubject && i === visitDays.length - 1) return;
      const reach = Math.max(0, windowDays - 2);
      const day = lastDay + visitDay + random.int(-reach, reach);
      steps.push({ kind: 'follow-up-visit', day, subjectId, visit: { visitNumber: i + 1, visitDate: addDays(options.day0, day) } });
    });
  }

  const endDay = last.dayOffset + Math.max(...protocol.followUp.visitDays) + protocol.followUp.windowDays + 1;
  const { reports, cases } = adverseEvents(protocol, random, { subjects: enrolled.map((s) => s.subjectId), day0: options.day0, treatmentEnd: last.dayOffset, lastDay: endDay - 1, reporter: `site investigator ${site.siteId}` });
  for (const { day, report, submitOn } of reports) {
    steps.push({ kind: 'adverse-event', day, subjectId: report.subjectId, report });
    if (submitOn !== undefined) {
      const submission = { report: 'INITIAL' as const, recipient: 'NMPA', reference: `NMPA-${report.caseId}`, submittedAt: at(submitOn, 11) };
      steps.push({ kind: 'report-submission', day: submitOn, subjectId: report.subjectId, caseId: report.caseId, submission });
    }
  }
  const reactionCases = steps.flatMap((s) => (s.kind === 'infusion' && s.report.reaction ? [{ caseId: `${s.subjectId}-IRR-${s.report.infusionNumber}`, subjectId: s.subjectId }] : []));

  return {
    seed: options.seed,
    target,
    siteId: site.siteId,
    timeZone: site.timeZone,
    day0: options.day0,
    screeningDay: SCREENING_DAY,
    consentDay: CONSENT_DAY,
    consentVersion: protocol.informedConsentVersion,
    candidates,
    steps: steps.sort((a, b) => a.day - b.day || STEP_ORDER[a.kind] - STEP_ORDER[b.kind] || a.subjectId.localeCompare(b.subjectId)),
    endDay,
    cases: [...cases, ...reactionCases],
  };
}

/** Vital signs in the normal range, a little different before and after. */
function infusionReport(infusionNumber: number, administeredAt: string, bodyWeightKg: number, cellsGiven: number, random: SeededRandom, reaction?: InfusionReport['reaction']): InfusionReport {
  const before = { systolicMmHg: random.int(105, 135), diastolicMmHg: random.int(65, 85), heartRateBpm: random.int(60, 90), temperatureCelsius: random.between(36.3, 37.1) };
  return {
    infusionNumber,
    administeredAt,
    bodyWeightKg,
    cellsGiven,
    productLot: `UCMSC-${String(infusionNumber).padStart(2, '0')}-${random.int(100, 999)}`,
    viabilityPercent: random.between(85, 97),
    durationMinutes: random.int(30, 45),
    vitalSignsBefore: before,
    vitalSignsAfter: { ...before, heartRateBpm: before.heartRateBpm + random.int(0, 8) },
    ...(reaction ? { reaction } : {}),
  };
}

export type { Candidate } from './candidates';
