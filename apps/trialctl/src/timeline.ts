import type { RuleResult } from '@trialstream/contracts';

/**
 * A subject's timeline from what the services' HTTP APIs show of them. The record shapes below are
 * the fields of those answers the timeline reads (see each service's /docs).
 */
export interface TimelineEntry {
  /** An instant (ISO 8601) or a calendar date; a date sorts before the instants of its day. */
  at: string;
  service: 'enrollment' | 'infusion-tracking' | 'safety';
  what: string;
}

export interface SubjectRecord {
  screenedAt: string;
  eligible: boolean;
  ruleResults: Pick<RuleResult, 'ruleId' | 'outcome'>[];
  consentVersion: string | null;
  consentDate: string | null;
  enrollmentNumber: number | null;
  enrolledAt: string | null;
  plannedFirstInfusionDate: string | null;
  withdrawnBy: string | null;
  withdrawalReason: string | null;
  withdrawalDate: string | null;
}

export interface InfusionRecord {
  infusionNumber: number;
  administeredAt: string;
  cellsGiven: number;
  productLot: string;
  reaction: { grade?: number } | null;
  deviations: { kind: string; rule: string; observed: string; allowed: string }[];
}

/** What infusion tracking holds of the subject's baseline, once they are enrolled. */
export interface Baseline {
  baselineDate: string;
  baselinePasi: number;
  baselineDlqi: number;
}

export interface AssessmentRecord {
  timepoint: string;
  visitNumber: number;
  instrument: string;
  assessedOn: string;
}

export interface FollowUpVisit {
  visitNumber: number;
  recorded: { visitDate: string; withinWindow: boolean } | null;
}

export interface AdverseEventCase {
  caseId: string;
  term: string;
  ctcaeGrade: number;
  serious: boolean;
  susar: boolean;
  currentVersion: number;
  openedAt: string;
  updatedAt: string;
}

export interface DosingHold {
  scope: string;
  reason: string;
  placedAt: string;
  placedBy: string;
  liftedAt: string | null;
  liftedBy: string | null;
  liftReason: string | null;
}

export interface SafetyAlert {
  kind: string;
  severity: string;
  summary: string;
  raisedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
}

/** Everything the four services show of one subject. */
export interface SubjectRecords {
  subject: SubjectRecord;
  baseline: Baseline | null;
  infusions: InfusionRecord[];
  assessments: AssessmentRecord[];
  followUpVisits: FollowUpVisit[];
  cases: AdverseEventCase[];
  holds: DosingHold[];
  alerts: SafetyAlert[];
}

export function subjectEntries(s: SubjectRecord): TimelineEntry[] {
  const failed = s.ruleResults.filter((r) => r.outcome === 'FAIL').map((r) => r.ruleId);
  const entries = [{ at: s.screenedAt, what: s.eligible ? 'screened: eligible' : `screened: not eligible (failed ${failed.join(', ')})` }];
  if (s.consentDate) entries.push({ at: s.consentDate, what: `consented (form ${s.consentVersion})` });
  if (s.enrolledAt) entries.push({ at: s.enrolledAt, what: `enrolled as #${s.enrollmentNumber}, first infusion planned ${s.plannedFirstInfusionDate}` });
  if (s.withdrawalDate) entries.push({ at: s.withdrawalDate, what: `withdrawn by ${s.withdrawnBy?.toLowerCase()}: ${s.withdrawalReason}` });
  return entries.map((e) => ({ ...e, service: 'enrollment' }));
}

export function infusionEntries(infusions: InfusionRecord[]): TimelineEntry[] {
  return infusions.flatMap((i) => [
    { at: i.administeredAt, what: `infusion ${i.infusionNumber} given: ${i.cellsGiven} cells, lot ${i.productLot}${i.reaction ? `, reaction grade ${i.reaction.grade}` : ''}` },
    ...i.deviations.map((d) => ({ at: i.administeredAt, what: `protocol deviation at infusion ${i.infusionNumber}: ${d.kind} (${d.rule}): ${d.observed}, allowed ${d.allowed}` })),
  ]).map((e) => ({ ...e, service: 'infusion-tracking' }));
}

export function assessmentEntries(baseline: Baseline | null, assessments: AssessmentRecord[]): TimelineEntry[] {
  const entries = [
    ...(baseline ? [{ at: baseline.baselineDate, what: `baseline: PASI ${baseline.baselinePasi}, DLQI ${baseline.baselineDlqi}` }] : []),
    ...assessments.map((a) => ({ at: a.assessedOn, what: `${a.instrument} assessed (${a.timepoint.toLowerCase().replace(/_/g, ' ')}, visit ${a.visitNumber})` })),
  ];
  return entries.map((e) => ({ ...e, service: 'infusion-tracking' }));
}

/** Follow-up visits as recorded, on their day (the planned ones are ahead, or were cancelled by a withdrawal the timeline shows). */
export function followUpEntries(visits: FollowUpVisit[]): TimelineEntry[] {
  return visits.flatMap((v): TimelineEntry[] =>
    v.recorded ? [{ at: v.recorded.visitDate, service: 'infusion-tracking', what: `follow-up visit ${v.visitNumber} ${v.recorded.withinWindow ? 'within' : 'outside'} its window` }] : [],
  );
}

export function safetyEntries(cases: AdverseEventCase[], holds: DosingHold[], alerts: SafetyAlert[]): TimelineEntry[] {
  const entries = [
    ...cases.flatMap((c) => [
      { at: c.openedAt, what: `adverse-event case ${c.caseId}: ${c.term}, grade ${c.ctcaeGrade}${c.serious ? ', serious' : ''}${c.susar ? ', SUSAR' : ''}` },
      ...(c.currentVersion > 1 ? [{ at: c.updatedAt, what: `adverse-event case ${c.caseId} followed up (version ${c.currentVersion})` }] : []),
    ]),
    ...holds.flatMap((h) => [
      { at: h.placedAt, what: `dosing hold placed by ${h.placedBy}: ${h.reason}` },
      ...(h.liftedAt ? [{ at: h.liftedAt, what: `dosing hold lifted by ${h.liftedBy}: ${h.liftReason}` }] : []),
    ]),
    ...alerts.flatMap((a) => [
      { at: a.raisedAt, what: `alert ${a.kind} (${a.severity}): ${a.summary}` },
      ...(a.acknowledgedAt ? [{ at: a.acknowledgedAt, what: `alert ${a.kind} acknowledged by ${a.acknowledgedBy}` }] : []),
    ]),
  ];
  return entries.map((e) => ({ ...e, service: 'safety' }));
}

/** The subject's timeline, in time order; entries at the same moment keep the order the services gave. */
export function subjectTimeline(records: SubjectRecords): TimelineEntry[] {
  return mergeInTimeOrder([
    subjectEntries(records.subject),
    infusionEntries(records.infusions),
    assessmentEntries(records.baseline, records.assessments),
    followUpEntries(records.followUpVisits),
    safetyEntries(records.cases, records.holds, records.alerts),
  ]);
}

export function mergeInTimeOrder(groups: TimelineEntry[][]): TimelineEntry[] {
  return groups.flat().sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

export function timelineLine(entry: TimelineEntry): string {
  return `${entry.at.padEnd(24)}  ${entry.service.padEnd(17)}  ${entry.what}`;
}
