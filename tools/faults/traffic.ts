import { randomUUID } from 'node:crypto';
import type { AdverseEventReport, EventEnvelope, FollowUpVisitSubmittedPayload, InfusionAdministrationSubmittedPayload } from '@trialstream/contracts';
import { eligibleScreening, sampleEnvelope } from '@trialstream/testing';

/**
 * Sponsor traffic on the ingress topic, as a sponsor's or site's system would send it, and the
 * record of what was sent that the invariant checker compares with what the platform holds. Pure:
 * nothing here talks to Kafka.
 */

export interface WireMessage {
  key: string;
  value: string;
}

/** A ScreeningSubmitted sent: the subject, its event id, and the decision the protocol must give. */
export interface SentScreening {
  subjectId: string;
  eventId: string;
  eligible: boolean;
}

/** An input the platform must refuse into enrollment's dead-letter topic (never into the database). */
export interface SentRejection {
  key: string;
  what: 'not JSON' | 'unknown version' | 'invalid screening';
}

/** An adverse-event report of an enrolled subject; it goes out three times (a copy, and a new message of the same report). */
export interface SentAdverseEvent {
  subjectId: string;
  reportId: string;
  eventId: string;
}

/** An infusion report of an enrolled subject (InfusionAdministrationSubmitted), sent once. */
export interface SentInfusion {
  subjectId: string;
  infusionNumber: number;
  eventId: string;
}

/** A follow-up visit of a subject given every infusion (FollowUpVisitSubmitted), sent once, after the infusions. */
export interface SentFollowUp {
  subjectId: string;
  visitNumber: number;
  eventId: string;
}

/** Everything one phase of the run sent, in send order. */
export interface PhaseTraffic {
  phase: string;
  screenings: SentScreening[];
  /** Event ids sent a second time, byte for byte (a sponsor retrying a send it thought failed). */
  resent: string[];
  rejections: SentRejection[];
  adverseEvents: SentAdverseEvent[];
  infusions: SentInfusion[];
  followUps: SentFollowUp[];
  /** The messages in the order they go on the wire. */
  messages: WireMessage[];
}

/** Subject ids are `<run tag>-<phase>-<n>` (the contract allows letters, digits, . _ -), so each row maps back to its phase. */
export const subjectOf = (tag: string, phase: string, n: number) => `${tag}-${phase}-${n}`;

/** Baseline PASI below the protocol's minimum of 8: a valid screening that must be judged ineligible. */
const INELIGIBLE_PASI = 4;

export function screeningEnvelope(trialId: string, subjectId: string, eligible: boolean): EventEnvelope {
  const payload = eligible ? eligibleScreening(subjectId) : { ...eligibleScreening(subjectId), baselinePasi: INELIGIBLE_PASI };
  return sampleEnvelope(payload, { type: 'ScreeningSubmitted', trialId, subjectId, producer: 'faults-sponsor-system' });
}

export function adverseEventEnvelope(trialId: string, subjectId: string, phase: string): EventEnvelope<AdverseEventReport> {
  const report: AdverseEventReport = {
    subjectId,
    caseId: `${subjectId}-${phase}-case`,
    reportId: `${subjectId}-${phase}-report`,
    onsetDate: '2015-06-10',
    awareDate: '2015-06-11',
    term: 'Headache',
    ctcaeGrade: 1,
    seriousness: [],
    outcome: 'RECOVERED',
    causality: 'NOT_RELATED',
    expectedness: 'EXPECTED',
    narrative: 'mild headache the evening after the baseline visit',
    reporter: 'site investigator',
  };
  return sampleEnvelope(report, { type: 'AdverseEventReported', trialId, subjectId, producer: 'faults-site-system' }) as EventEnvelope<AdverseEventReport>;
}

/** The reference protocol's six infusion days from a first infusion on 2015-06-08: weekly four times, then every two weeks. */
const INFUSION_DAYS = ['2015-06-08', '2015-06-15', '2015-06-22', '2015-06-29', '2015-07-13', '2015-07-27'];
export const INFUSIONS_PER_SUBJECT = INFUSION_DAYS.length;

/** An infusion as given on its planned day at 09:00 in Beijing: 1x10^6 cells per kg of the screening weight (64 kg). */
export function infusionEnvelope(trialId: string, subjectId: string, infusionNumber: number): EventEnvelope<InfusionAdministrationSubmittedPayload> {
  const vitals = { systolicMmHg: 118, diastolicMmHg: 76, heartRateBpm: 72, temperatureCelsius: 36.7 };
  const report: InfusionAdministrationSubmittedPayload = {
    subjectId,
    infusionNumber,
    administeredAt: `${INFUSION_DAYS[infusionNumber - 1]}T01:00:00Z`,
    bodyWeightKg: 64,
    cellsGiven: 64_000_000,
    productLot: `UCMSC-${infusionNumber}`,
    viabilityPercent: 92,
    durationMinutes: 40,
    vitalSignsBefore: vitals,
    vitalSignsAfter: { ...vitals, heartRateBpm: 76 },
    recordedBy: 'site nurse',
  };
  return sampleEnvelope(report, { type: 'InfusionAdministrationSubmitted', trialId, subjectId, producer: 'faults-site-system' }) as EventEnvelope<InfusionAdministrationSubmittedPayload>;
}

/** The reference protocol's five follow-up visits after a last infusion on 2015-07-27, on their planned days. */
const FOLLOW_UP_DAYS = ['2015-08-26', '2015-10-26', '2016-01-25', '2016-04-25', '2016-07-26'];
export const FOLLOW_UP_VISITS = FOLLOW_UP_DAYS.length;

export function followUpEnvelope(trialId: string, subjectId: string, visitNumber: number): EventEnvelope<FollowUpVisitSubmittedPayload> {
  const visit: FollowUpVisitSubmittedPayload = { subjectId, visitNumber, visitDate: FOLLOW_UP_DAYS[visitNumber - 1] };
  return sampleEnvelope(visit, { type: 'FollowUpVisitSubmitted', trialId, subjectId, producer: 'faults-site-system' }) as EventEnvelope<FollowUpVisitSubmittedPayload>;
}

export interface PhasePlan {
  tag: string;
  trialId: string;
  phase: string;
  subjects: number;
  /** Every n-th subject is screened twice, ineligible then eligible: the later decision must stand (per-key order). */
  rescreenEvery?: number;
  /** Every n-th screening is sent a second time, later in the stream. */
  resendEvery?: number;
  /** Inputs to refuse, interleaved with the screenings. */
  rejections?: number;
  /** Enrolled subjects with an adverse event reported in this phase, each delivered three times. */
  adverseEventsOf?: string[];
  /** The adverse events go out in the phase's last subjects (while an injected fault lasts), not its first. */
  reportsLate?: boolean;
  /** Enrolled subjects whose six infusions, then five follow-up visits, are reported in this phase, interleaved with the screenings. */
  infusionsOf?: string[];
  /** Each subject's reports delivered in the order 2, 1, 4, 3, 5, 6 (a site system's retries can reorder them). */
  reorderInfusions?: boolean;
}

/** Delivery order of a subject's reports when reordered; 5 and 6 stay in order (see docs/faults.md on late reports). */
const REORDERED = [2, 1, 4, 3, 5, 6];

/** Every 7th subject is ineligible on its only screening: both decisions flow through every phase. */
const INELIGIBLE_EVERY = 7;

export function phaseTraffic(plan: PhasePlan): PhaseTraffic {
  const traffic: PhaseTraffic = { phase: plan.phase, screenings: [], resent: [], rejections: [], adverseEvents: [], infusions: [], followUps: [], messages: [] };
  const siteReports = siteReportsOf(plan);
  // Spread over the phase's subjects, a few behind each screening, in their order.
  const reportsPerSubject = Math.ceil(siteReports.length / plan.subjects);
  const resends: WireMessage[] = [];
  const rejectionAt = plan.rejections ? Math.max(1, Math.floor(plan.subjects / plan.rejections)) : 0;
  const send = (envelope: EventEnvelope, screening?: SentScreening) => {
    const message = { key: envelope.subjectId ?? envelope.trialId, value: JSON.stringify(envelope) };
    traffic.messages.push(message);
    if (!screening) return;
    traffic.screenings.push(screening);
    if (plan.resendEvery && traffic.screenings.length % plan.resendEvery === 0) {
      traffic.resent.push(screening.eventId);
      resends.push(message);
    }
  };
  for (let n = 0; n < plan.subjects; n++) {
    const subjectId = subjectOf(plan.tag, plan.phase, n);
    const rescreened = plan.rescreenEvery !== undefined && n % plan.rescreenEvery === plan.rescreenEvery - 1;
    const decisions = rescreened ? [false, true] : [n % INELIGIBLE_EVERY !== INELIGIBLE_EVERY - 1];
    for (const eligible of decisions) {
      const envelope = screeningEnvelope(plan.trialId, subjectId, eligible);
      send(envelope, { subjectId, eventId: envelope.eventId, eligible });
    }
    const reports = plan.adverseEventsOf ?? [];
    const reported = reports[plan.reportsLate ? n - (plan.subjects - reports.length) : n];
    if (reported) {
      const envelope = adverseEventEnvelope(plan.trialId, reported, plan.phase);
      traffic.adverseEvents.push({ subjectId: reported, reportId: envelope.payload.reportId, eventId: envelope.eventId });
      // The very message twice, and the same report in a new message (new event id): one case version all the same.
      send(envelope);
      resends.push(traffic.messages[traffic.messages.length - 1]);
      resends.push({ key: reported, value: JSON.stringify({ ...envelope, eventId: randomUUID() }) });
    }
    for (const report of siteReports.slice(n * reportsPerSubject, (n + 1) * reportsPerSubject)) {
      if (report.kind === 'infusion') {
        const envelope = infusionEnvelope(plan.trialId, report.subjectId, report.number);
        traffic.infusions.push({ subjectId: report.subjectId, infusionNumber: report.number, eventId: envelope.eventId });
        send(envelope);
      } else {
        const envelope = followUpEnvelope(plan.trialId, report.subjectId, report.number);
        traffic.followUps.push({ subjectId: report.subjectId, visitNumber: report.number, eventId: envelope.eventId });
        send(envelope);
      }
    }
    if (rejectionAt && n % rejectionAt === 0 && traffic.rejections.length < (plan.rejections ?? 0)) {
      const rejection = rejectionMessage(plan, traffic.rejections.length);
      traffic.rejections.push(rejection.sent);
      traffic.messages.push(rejection.message);
    }
    // Re-sent copies trail the originals by a few dozen messages, as a retrying sender's would.
    if (resends.length > 0 && n % 50 === 49) traffic.messages.push(...resends.splice(0));
  }
  traffic.messages.push(...resends);
  return traffic;
}

/**
 * The site reports of a phase in send order: turn by turn across the subjects, each subject's six
 * infusions (in order, or reordered), then its five follow-up visits.
 */
function siteReportsOf(plan: PhasePlan): { kind: 'infusion' | 'follow-up'; subjectId: string; number: number }[] {
  const subjects = plan.infusionsOf ?? [];
  const turns = [
    ...(plan.reorderInfusions ? REORDERED : INFUSION_DAYS.map((_, i) => i + 1)).map((number) => ({ kind: 'infusion' as const, number })),
    ...FOLLOW_UP_DAYS.map((_, i) => ({ kind: 'follow-up' as const, number: i + 1 })),
  ];
  return turns.flatMap((turn) => subjects.map((subjectId) => ({ ...turn, subjectId })));
}

/** Poison in turns: bytes that are not JSON, a version no contract has, a screening no protocol could judge. */
function rejectionMessage(plan: PhasePlan, index: number): { sent: SentRejection; message: WireMessage } {
  const key = `${plan.tag}-${plan.phase}-reject-${index}`;
  const kinds: SentRejection['what'][] = ['not JSON', 'unknown version', 'invalid screening'];
  const what = kinds[index % kinds.length];
  if (what === 'not JSON') return { sent: { key, what }, message: { key, value: `{"eventId": "${randomUUID()}", truncated` } };
  const envelope = screeningEnvelope(plan.trialId, key, true);
  // A PASI above 72 cannot be measured: the contract refuses it; version 99 of ScreeningSubmitted does not exist.
  const value = what === 'unknown version' ? { ...envelope, version: 99 } : { ...envelope, payload: { ...(envelope.payload as object), baselinePasi: 99 } };
  return { sent: { key, what }, message: { key, value: JSON.stringify(value) } };
}
