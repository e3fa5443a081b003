import { calendarDateIn, type AdverseEventReport, type EventEnvelope, type InfusionReactionReportedPayload } from '@trialstream/contracts';
import { sampleEnvelope, waitFor, type ReceivedMessage } from '@trialstream/testing';

/** Today on the reference site's calendar (BJ-01, Asia/Shanghai): awareness dates cannot be later. */
export const todayInBeijing = (at = new Date()) => calendarDateIn(at, 'Asia/Shanghai');

/** A moderate, non-serious, expected, related event, as a sponsor's system reports it; each test says what it is about. */
export function adverseEventReport(subjectId: string, caseId: string, overrides: Partial<AdverseEventReport> = {}): AdverseEventReport {
  const today = todayInBeijing();
  return {
    subjectId,
    caseId,
    reportId: `${caseId}/0`,
    onsetDate: today,
    awareDate: today,
    term: 'Pyrexia',
    ctcaeGrade: 2,
    seriousness: [],
    outcome: 'RECOVERING',
    causality: 'RELATED',
    expectedness: 'EXPECTED',
    narrative: 'Fever after the infusion.',
    reporter: 'site investigator BJ-01',
    ...overrides,
  };
}

/** A fatal, related, unexpected event: a fatal SUSAR. */
export const fatalSusar = (subjectId: string, caseId: string) =>
  adverseEventReport(subjectId, caseId, {
    term: 'Anaphylactic shock',
    ctcaeGrade: 5,
    seriousness: ['DEATH'],
    outcome: 'FATAL',
    expectedness: 'UNEXPECTED',
    narrative: 'Anaphylaxis minutes into the infusion; resuscitation failed.',
  });

export const adverseEventReported = (trialId: string, report: AdverseEventReport) =>
  sampleEnvelope(report, { type: 'AdverseEventReported', trialId, subjectId: report.subjectId, producer: 'sponsor-safety-system' }) as EventEnvelope<AdverseEventReport>;

/** A reaction as infusion tracking forwards it on its topic. */
export function infusionReactionReported(trialId: string, subjectId: string, ctcaeGrade: number, infusionNumber = 2) {
  const today = todayInBeijing();
  const payload: InfusionReactionReportedPayload = {
    subjectId,
    siteId: 'BJ-01',
    infusionNumber,
    administeredAt: new Date().toISOString(),
    onsetDate: today,
    awareDate: today,
    ctcaeGrade,
    term: 'Infusion-related reaction',
    description: 'Rigors and hypotension 30 minutes into the infusion; infusion stopped, not rapidly responsive.',
    reporter: 'infusion nurse BJ-01',
  };
  return sampleEnvelope(payload, { type: 'InfusionReactionReported', trialId, subjectId, producer: 'infusion-tracking' });
}

/** Messages of one event type (and key, if given), with their envelopes parsed. */
export function eventsOf(messages: ReceivedMessage[], type: string, key?: string) {
  return messages.filter((m) => m.headers['event-type'] === type && (!key || m.key === key)).map((m) => JSON.parse(String(m.value)));
}

/** Waits until the watched topic holds `count` events of the type matching the filter, and returns them. */
export function waitForEvents(messages: ReceivedMessage[], type: string, match: (event: any) => boolean, count = 1) { // eslint-disable-line @typescript-eslint/no-explicit-any
  return waitFor(`${count} ${type}`, async () => {
    const found = eventsOf(messages, type).filter(match);
    return found.length >= count ? found : undefined;
  });
}
