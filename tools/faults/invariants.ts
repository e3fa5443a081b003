import type { PhaseTraffic } from './traffic';

/**
 * The invariant checker: what was sent against what the platform holds. Pure functions over plain
 * data, so each rule is unit-tested; observe.ts reads the databases and topics into this shape.
 */

/** A SubjectScreened as enrollment's outbox or topic holds it: which screening (causationId) it answers. */
export interface ScreenedRecord {
  subjectId: string;
  eventId: string;
  causationId: string;
  eligible: boolean;
}

export interface EnrollmentView {
  /** ScreeningSubmitted event ids in enrollment's processed-event ledger. */
  ledger: Set<string>;
  /** Enrollment's subject rows: the decision in force. */
  subjects: Map<string, { eligible: boolean }>;
  /** SubjectScreened rows of the outbox, in outbox order. */
  outbox: ScreenedRecord[];
  /** SubjectScreened on enrollment's topic, in offset order (partition by partition; one key is on one partition). */
  wire: ScreenedRecord[];
  /** Enrollment's dead-letter topic. */
  deadLetters: { key: string; reason: string }[];
}

export interface SafetyView {
  /** Adverse-event case versions: one per report taken in. */
  caseVersions: { subjectId: string; reportId: string }[];
}

/** An event infusion tracking published (InfusionAdministered, FollowUpVisitRecorded): which report (causationId) it answers. */
export interface AnswerRecord {
  subjectId: string;
  eventId: string;
  causationId: string;
}

export interface InfusionView {
  /** InfusionAdministrationSubmitted and FollowUpVisitSubmitted event ids in infusion tracking's processed-event ledger. */
  ledger: Set<string>;
  /** Recorded infusions per `<subject>/<infusion number>`. */
  recorded: Map<string, number>;
  /** InfusionAdministered rows of the outbox and on infusion tracking's topic. */
  outbox: AnswerRecord[];
  wire: AnswerRecord[];
  /** TreatmentCompleted per subject, in the outbox. */
  treatmentCompleted: Map<string, number>;
  /** ProtocolDeviationRecorded in the outbox: subject, infusion number and kind. */
  deviations: { subjectId: string; infusionNumber: number; kind: string }[];  /** Follow-up visits recorded (`<subject>/<visit number>`: within its window), and their FollowUpVisitRecorded. */
  followUps: { recorded: Map<string, boolean>; outbox: AnswerRecord[]; wire: AnswerRecord[] };
}

export interface PhaseFindings {
  phase: string;
  /** Distinct inputs the platform had to act on (screenings, adverse events). */
  accepted: number;
  lost: number;
  duplicated: number;
  /** The same published event (same event id) on the wire more than once: allowed (consumers deduplicate), reported. */
  redelivered: number;
  /** Subjects of the screenings lost, for the post-mortem (evidence.ts). */
  lostSubjects: string[];
  problems: string[];
}

const countBy = <T>(items: T[], key: (item: T) => string) => {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
};

/** At most a few examples of a problem in the report; the counts carry the rest. */
const examples = (items: string[]) => items.slice(0, 3).join(', ') + (items.length > 3 ? `, … (${items.length})` : '');

export function checkPhase(sent: PhaseTraffic, enrollment: EnrollmentView, safety: SafetyView, infusion: InfusionView): PhaseFindings {
  const problems: string[] = [];
  const outboxByCause = countBy(enrollment.outbox, (r) => r.causationId);
  const distinctOnWire = new Map<string, ScreenedRecord>();
  for (const record of enrollment.wire) distinctOnWire.set(record.eventId, record);
  const wireByCause = countBy([...distinctOnWire.values()], (r) => r.causationId);
  const outboxEligible = new Map(enrollment.outbox.map((r) => [r.causationId, r.eligible]));

  const lost: string[] = [];
  const missingFrom = { ledger: 0, outbox: 0, topic: 0 };
  const doubled: string[] = [];
  const misjudged: string[] = [];
  for (const screening of sent.screenings) {
    const inOutbox = outboxByCause.get(screening.eventId) ?? 0;
    const onWire = wireByCause.get(screening.eventId) ?? 0;
    const inLedger = enrollment.ledger.has(screening.eventId);
    if (!inLedger || inOutbox === 0 || onWire === 0) lost.push(screening.subjectId);
    if (!inLedger) missingFrom.ledger++;
    if (inOutbox === 0) missingFrom.outbox++;
    if (onWire === 0) missingFrom.topic++;
    if (inOutbox > 1 || onWire > 1) doubled.push(screening.subjectId);
    const decided = outboxEligible.get(screening.eventId);
    if (decided !== undefined && decided !== screening.eligible) misjudged.push(screening.subjectId);
  }
  if (lost.length) {
    const where = Object.entries(missingFrom).filter(([, n]) => n > 0).map(([place, n]) => `${n} not in the ${place}`).join(', ');
    problems.push(`${lost.length} screening(s) without their full effect (${where}): ${examples(lost)}`);
  }
  if (doubled.length) problems.push(`${doubled.length} screening(s) answered more than once: ${examples(doubled)}`);
  if (misjudged.length) problems.push(`${misjudged.length} screening(s) decided against the protocol: ${examples(misjudged)}`);

  const ordered = orderProblems(sent, enrollment, distinctOnWire);
  if (ordered.length) problems.push(`${ordered.length} subject(s) whose screenings took effect out of order: ${examples(ordered)}`);

  const versions = countBy(safety.caseVersions, (v) => v.reportId);
  const aeLost = sent.adverseEvents.filter((ae) => !versions.has(ae.reportId)).map((ae) => ae.subjectId);
  const aeDoubled = sent.adverseEvents.filter((ae) => (versions.get(ae.reportId) ?? 0) > 1).map((ae) => ae.subjectId);
  if (aeLost.length) problems.push(`${aeLost.length} adverse event(s) sent before enrollment never taken into a case: ${examples(aeLost)}`);
  if (aeDoubled.length) problems.push(`${aeDoubled.length} adverse event report(s) recorded more than once: ${examples(aeDoubled)}`);

  const rejected = rejectionProblems(sent, enrollment);
  problems.push(...rejected.problems);
  const infusions = infusionProblems(sent, infusion);
  problems.push(...infusions.problems);

  return {
    phase: sent.phase,
    accepted: sent.screenings.length + sent.adverseEvents.length + sent.infusions.length + sent.followUps.length,
    lost: lost.length + aeLost.length + rejected.lost + infusions.lost,
    duplicated: doubled.length + aeDoubled.length + infusions.duplicated,
    redelivered: redeliveries(sent, enrollment.wire),
    lostSubjects: lost,
    problems,
  };
}

/** Copies on the wire of events of this phase beyond the first of each event id. */
function redeliveries(sent: PhaseTraffic, wire: ScreenedRecord[]): number {
  const causes = new Set(sent.screenings.map((s) => s.eventId));
  const ofPhase = wire.filter((r) => causes.has(r.causationId));
  return ofPhase.length - new Set(ofPhase.map((r) => r.eventId)).size;
}

/**
 * Per-key order: a subject screened twice is answered in the order it was screened, on the wire as
 * in the outbox, and the later decision is the one in force.
 */
function orderProblems(sent: PhaseTraffic, enrollment: EnrollmentView, distinctOnWire: Map<string, ScreenedRecord>): string[] {
  const sentOrder = new Map<string, string[]>();
  for (const s of sent.screenings) sentOrder.set(s.subjectId, [...(sentOrder.get(s.subjectId) ?? []), s.eventId]);
  const wireOrder = new Map<string, string[]>();
  for (const r of distinctOnWire.values()) wireOrder.set(r.subjectId, [...(wireOrder.get(r.subjectId) ?? []), r.causationId]);
  const outboxOrder = new Map<string, string[]>();
  for (const r of enrollment.outbox) outboxOrder.set(r.subjectId, [...(outboxOrder.get(r.subjectId) ?? []), r.causationId]);
  const lastDecision = new Map(sent.screenings.map((s) => [s.subjectId, s.eligible]));
  const broken: string[] = [];
  for (const [subjectId, order] of sentOrder) {
    const inOrder = (seen: string[] | undefined) => {
      const positions = order.map((id) => seen?.indexOf(id) ?? -1).filter((p) => p >= 0);
      return positions.every((p, i) => i === 0 || p > positions[i - 1]);
    };
    const inForce = enrollment.subjects.get(subjectId);
    if (!inOrder(wireOrder.get(subjectId)) || !inOrder(outboxOrder.get(subjectId)) || (inForce && inForce.eligible !== lastDecision.get(subjectId))) broken.push(subjectId);
  }
  return broken;
}

/**
 * Each infusion report has one effect in infusion tracking: its ledger row, one recorded infusion,
 * one InfusionAdministered in the outbox and one on the wire; a subject given all six completes
 * treatment once. Each follow-up visit likewise: ledger, recorded visit, one FollowUpVisitRecorded.
 */
function infusionProblems(sent: PhaseTraffic, infusion: InfusionView): { lost: number; duplicated: number; problems: string[] } {
  const problems: string[] = [];
  const outboxByCause = countBy(infusion.outbox, (r) => r.causationId);
  const distinctOnWire = new Map(infusion.wire.map((r) => [r.eventId, r]));
  const wireByCause = countBy([...distinctOnWire.values()], (r) => r.causationId);
  const lost: string[] = [];
  const doubled: string[] = [];
  for (const report of sent.infusions) {
    const name = `${report.subjectId}/${report.infusionNumber}`;
    const recorded = infusion.recorded.get(name) ?? 0;
    const [inOutbox, onWire] = [outboxByCause.get(report.eventId) ?? 0, wireByCause.get(report.eventId) ?? 0];
    if (!infusion.ledger.has(report.eventId) || recorded === 0 || inOutbox === 0 || onWire === 0) lost.push(name);
    else if (recorded > 1 || inOutbox > 1 || onWire > 1) doubled.push(name);
  }
  if (lost.length) problems.push(`${lost.length} infusion report(s) without their full effect (ledger, recorded infusion, InfusionAdministered in outbox and on the wire): ${examples(lost)}`);
  if (doubled.length) problems.push(`${doubled.length} infusion report(s) recorded or announced more than once: ${examples(doubled)}`);
  const given = countBy(sent.infusions, (r) => r.subjectId);
  const completions = [...given.keys()].filter((subjectId) => (infusion.treatmentCompleted.get(subjectId) ?? 0) !== 1);
  if (completions.length) problems.push(`${completions.length} subject(s) given every infusion without exactly one TreatmentCompleted: ${examples(completions)}`);
  // Every report of the run is of an infusion given as planned (day, dose, order): however it was
  // delivered (copied, reordered, during a fault), none may be judged a deviation.
  const ofPhase = new Set(sent.infusions.map((r) => `${r.subjectId}/${r.infusionNumber}`));
  const misjudged = infusion.deviations.filter((d) => ofPhase.has(`${d.subjectId}/${d.infusionNumber}`)).map((d) => `${d.subjectId}/${d.infusionNumber} ${d.kind}`);
  if (misjudged.length) problems.push(`${misjudged.length} infusion(s) given as planned recorded as a protocol deviation: ${examples(misjudged)}`);

  // Follow-up visits, on their planned days: one recorded visit, within its window, announced once.
  const { recorded, outbox, wire } = infusion.followUps;
  const visitOutbox = countBy(outbox, (r) => r.causationId);
  const visitWire = countBy([...new Map(wire.map((r) => [r.eventId, r])).values()], (r) => r.causationId);
  const visitsLost: string[] = [];
  const visitsDoubled: string[] = [];
  const outside: string[] = [];
  for (const visit of sent.followUps) {
    const name = `${visit.subjectId}/${visit.visitNumber}`;
    const [inOutbox, onWire] = [visitOutbox.get(visit.eventId) ?? 0, visitWire.get(visit.eventId) ?? 0];
    if (!infusion.ledger.has(visit.eventId) || !recorded.has(name) || inOutbox === 0 || onWire === 0) visitsLost.push(name);
    else if (inOutbox > 1 || onWire > 1) visitsDoubled.push(name);
    if (recorded.get(name) === false) outside.push(name);
  }
  if (visitsLost.length) problems.push(`${visitsLost.length} follow-up visit(s) without their full effect (ledger, recorded visit, FollowUpVisitRecorded in outbox and on the wire): ${examples(visitsLost)}`);
  if (visitsDoubled.length) problems.push(`${visitsDoubled.length} follow-up visit(s) announced more than once: ${examples(visitsDoubled)}`);
  if (outside.length) problems.push(`${outside.length} follow-up visit(s) on their planned day recorded outside their window: ${examples(outside)}`);
  return { lost: lost.length + visitsLost.length, duplicated: doubled.length + visitsDoubled.length, problems };
}

/** Every refused input in the dead-letter topic with a reason, and no trace of it in the subjects. */
function rejectionProblems(sent: PhaseTraffic, enrollment: EnrollmentView): { lost: number; problems: string[] } {
  const problems: string[] = [];
  const deadLettered = new Map(enrollment.deadLetters.map((d) => [d.key, d.reason]));
  const missing = sent.rejections.filter((r) => !deadLettered.has(r.key)).map((r) => `${r.key} (${r.what})`);
  const reasonless = sent.rejections.filter((r) => deadLettered.has(r.key) && !deadLettered.get(r.key)?.trim()).map((r) => r.key);
  const recorded = sent.rejections.filter((r) => enrollment.subjects.has(r.key)).map((r) => r.key);
  if (missing.length) problems.push(`${missing.length} refused input(s) not in the dead-letter topic: ${examples(missing)}`);
  if (reasonless.length) problems.push(`${reasonless.length} dead letter(s) without a reason: ${examples(reasonless)}`);
  if (recorded.length) problems.push(`${recorded.length} refused input(s) recorded as subjects: ${examples(recorded)}`);
  return { lost: missing.length, problems };
}

export interface PlatformView {
  enrollmentTarget: number;
  /** Subjects enrolled, as each service knows them. */
  enrolled: { enrollment: string[]; infusionTracking: string[]; safety: string[] };
  enrollmentClosedEvents: number;
  /** The registry's status changes of the trial to ACTIVE_NOT_RECRUITING (recruitment closed by EnrollmentClosed). */
  recruitmentClosedInRegistry: number;
  /** Outbox rows of any service not yet published, and messages still parked, once the run settled. */
  unpublished: Record<string, number>;
  parked: Record<string, number>;
  /** Timers fired and the events they put in the outbox (infusion windows missed). */
  timers: { fired: number; firedWithoutEvent: number; missedTwice: number };
}

/** Run-wide invariants: the enrollment cap, read models that agree, nothing left behind. */
export function checkPlatform(view: PlatformView, enrollmentsAttempted: number): string[] {
  const problems: string[] = [];
  const enrolled = view.enrolled.enrollment.length;
  if (enrolled > view.enrollmentTarget) problems.push(`enrollment target ${view.enrollmentTarget} exceeded: ${enrolled} enrolled`);
  if (enrollmentsAttempted >= view.enrollmentTarget && enrolled < view.enrollmentTarget) problems.push(`only ${enrolled} of ${view.enrollmentTarget} enrolled after ${enrollmentsAttempted} attempts`);
  const reached = enrolled >= view.enrollmentTarget;
  if (view.enrollmentClosedEvents !== (reached ? 1 : 0)) problems.push(`EnrollmentClosed published ${view.enrollmentClosedEvents} time(s), expected ${reached ? 1 : 0}`);
  if (view.recruitmentClosedInRegistry !== (reached ? 1 : 0)) {
    problems.push(`the registry closed recruitment ${view.recruitmentClosedInRegistry} time(s), expected ${reached ? 1 : 0}`);
  }
  const reference = new Set(view.enrolled.enrollment);
  for (const [service, subjects] of Object.entries(view.enrolled)) {
    const theirs = new Set(subjects);
    const missing = [...reference].filter((s) => !theirs.has(s));
    const extra = [...theirs].filter((s) => !reference.has(s));
    if (missing.length || extra.length || theirs.size !== subjects.length) {
      problems.push(`${service} disagrees with enrollment on the enrolled subjects: ${missing.length} missing, ${extra.length} extra, ${subjects.length - theirs.size} twice`);
    }
  }
  for (const [service, n] of Object.entries(view.unpublished)) if (n > 0) problems.push(`${service}: ${n} outbox row(s) never published`);
  for (const [service, n] of Object.entries(view.parked)) if (n > 0) problems.push(`${service}: ${n} message(s) still parked`);
  if (view.timers.firedWithoutEvent > 0) problems.push(`${view.timers.firedWithoutEvent} timer(s) fired without their event in the outbox`);
  if (view.timers.missedTwice > 0) problems.push(`${view.timers.missedTwice} infusion window(s) reported missed more than once`);
  return problems;
}
