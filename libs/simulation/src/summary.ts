import { calendarDateIn, compareCalendarDates, type CalendarDate } from '@trialstream/contracts';

/** What the services answer, as the summary needs it (GET responses, trimmed to the fields read). */
export interface PlatformReadings {
  trialStatus: string;
  /** Enrollment's subjects. */
  subjects: { subjectId: string; status: string; eligible: boolean; consentDate: string | null; enrollmentNumber: number | null; ruleResults: { ruleId: string; outcome: string }[] }[];
  /** Infusion tracking's visits of each enrolled subject. */
  visits: Record<string, { kind: string; number: number; status: string; windowCloses: CalendarDate }[]>;
  /** Follow-up visits of each enrolled subject, with the visit recorded (null while none is). */
  followUps: Record<string, { visitNumber: number; recorded: { withinWindow: boolean } | null }[]>;
  deviations: { kind: string }[];
  assessmentSummary: { timepoint: string; visitNumber: number; assessed: number; pasi: { assessed: number; pasi50: number; pasi75: number; pasi90: number; pasi100: number } | null; dlqi: { scored: number; minimalImportantDifference: number } | null }[];
  cases: { caseId: string; ctcaeGrade: number; serious: boolean; susar: boolean; clocks: { report: string; status: string; dueDate: CalendarDate }[]; submissions: { report: string; submittedAt: string }[] }[];
  alerts: { kind: string }[];
  holds: { scope: string; liftedAt: string | null }[];
  /** Today at the site when the readings were taken. */
  today: CalendarDate;
  timeZone: string;
}

export interface SimulationSummary {
  trialStatus: string;
  recruitment: { screened: number; eligible: number; screenFailuresByRule: Record<string, number>; consented: number; enrolled: number; eligibleNotEnrolled: number };
  treatment: { infusionsGiven: number; missedInfusions: number; completedTreatment: number; deviationsByKind: Record<string, number> };
  response: { timepoint: string; assessed: number; pasi50: number; pasi75: number; pasi90: number; dlqiMinimalImportantDifference: number } | null;
  followUp: { visitsRecorded: number; outsideWindow: number; missedVisits: number; completedFollowUp: number };
  safety: {
    cases: number;
    byGrade: Record<string, number>;
    serious: number;
    nonSerious: number;
    susars: number;
    dosingHolds: { placed: number; lifted: number };
    alertsByKind: Record<string, number>;
    expeditedReports: { due: number; submitted: number; submittedOnTime: number; overdue: number };
  };
}

const countBy = <T>(items: T[], key: (item: T) => string): Record<string, number> =>
  Object.fromEntries(
    Object.entries(items.reduce<Record<string, number>>((counts, item) => ({ ...counts, [key(item)]: (counts[key(item)] ?? 0) + 1 }), {})).sort(([a], [b]) => a.localeCompare(b)),
  );

/** The run in numbers, from what the services hold (never from the plan). */
export function buildSummary(readings: PlatformReadings): SimulationSummary {
  const enrolled = readings.subjects.filter((s) => s.enrollmentNumber !== null);
  const failed = readings.subjects.filter((s) => !s.eligible);
  const infusionVisits = Object.values(readings.visits).flatMap((visits) => visits.filter((v) => v.kind === 'INFUSION'));
  const lastInfusion = Math.max(0, ...infusionVisits.map((v) => v.number));
  const followUps = Object.values(readings.followUps);
  const afterTreatment = readings.assessmentSummary.find((row) => row.timepoint === 'AFTER_INFUSION' && row.visitNumber === lastInfusion);
  const clocks = readings.cases.flatMap((c) => c.clocks.map((clock) => ({ ...clock, submission: c.submissions.find((s) => s.report === clock.report) })));
  return {
    trialStatus: readings.trialStatus,
    recruitment: {
      screened: readings.subjects.length,
      eligible: readings.subjects.length - failed.length,
      screenFailuresByRule: countBy(failed.flatMap((s) => s.ruleResults.filter((r) => r.outcome === 'FAIL')), (r) => r.ruleId),
      consented: readings.subjects.filter((s) => s.consentDate !== null).length,
      enrolled: enrolled.length,
      eligibleNotEnrolled: readings.subjects.filter((s) => s.eligible && s.enrollmentNumber === null).length,
    },
    treatment: {
      infusionsGiven: infusionVisits.filter((v) => v.status === 'ADMINISTERED').length,
      missedInfusions: infusionVisits.filter((v) => v.status === 'PLANNED' && compareCalendarDates(v.windowCloses, readings.today) < 0).length,
      completedTreatment: Object.values(readings.visits).filter((visits) => visits.some((v) => v.kind === 'INFUSION' && v.number === lastInfusion && v.status === 'ADMINISTERED')).length,
      deviationsByKind: countBy(readings.deviations, (d) => d.kind),
    },
    response: afterTreatment
      ? {
          timepoint: `after infusion ${afterTreatment.visitNumber}`,
          assessed: afterTreatment.assessed,
          pasi50: afterTreatment.pasi?.pasi50 ?? 0,
          pasi75: afterTreatment.pasi?.pasi75 ?? 0,
          pasi90: afterTreatment.pasi?.pasi90 ?? 0,
          dlqiMinimalImportantDifference: afterTreatment.dlqi?.minimalImportantDifference ?? 0,
        }
      : null,
    followUp: {
      visitsRecorded: followUps.flat().filter((v) => v.recorded).length,
      outsideWindow: followUps.flat().filter((v) => v.recorded && !v.recorded.withinWindow).length,
      missedVisits: followUps.flat().filter((v) => !v.recorded).length,
      completedFollowUp: followUps.filter((visits) => visits.length > 0 && visits.every((v) => v.recorded)).length,
    },
    safety: {
      cases: readings.cases.length,
      byGrade: countBy(readings.cases, (c) => `grade ${c.ctcaeGrade}`),
      serious: readings.cases.filter((c) => c.serious).length,
      nonSerious: readings.cases.filter((c) => !c.serious).length,
      susars: readings.cases.filter((c) => c.susar).length,
      dosingHolds: { placed: readings.holds.length, lifted: readings.holds.filter((h) => h.liftedAt !== null).length },
      alertsByKind: countBy(readings.alerts, (a) => a.kind),
      expeditedReports: {
        due: clocks.length,
        submitted: clocks.filter((c) => c.submission).length,
        submittedOnTime: clocks.filter((c) => c.submission && compareCalendarDates(calendarDateIn(new Date(c.submission.submittedAt), readings.timeZone), c.dueDate) <= 0).length,
        overdue: clocks.filter((c) => c.status === 'OVERDUE').length,
      },
    },
  };
}
