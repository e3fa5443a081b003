import { payloadSummary, tailLine, type TailedMessage } from './tail-line';

const message = (value: string | null, headers: Record<string, string> = {}): TailedMessage => ({
  topic: 'trialstream.safety.alerts.v1', partition: 0, offset: '7', timestamp: String(Date.UTC(2015, 5, 8, 9, 30)), key: 'S-001', value, headers,
});

const alert = {
  eventId: 'b0dc8d07-c10d-4d8c-b806-49ce4964e695', type: 'SafetyAlertRaised', version: 1, occurredAt: '2015-06-08T09:29:59.000Z', producer: 'safety',
  trialId: 'NCT02491658', subjectId: 'S-001', correlationId: 'c-1',
  payload: { trialId: 'NCT02491658', subjectId: 'S-001', kind: 'STOPPING_RULE_HIT', severity: 'CRITICAL', facts: ['grade 3'], summary: 'Subject S-001 hit SR-SUBJECT' },
};

describe('a tailed message as one line', () => {
  it("shows an event's time, type, key, subject and its payload's plain fields", () => {
    expect(tailLine(message(JSON.stringify(alert)))).toBe(
      '2015-06-08T09:29:59.000Z  SafetyAlertRaised v1  key=S-001  subject=S-001  kind=STOPPING_RULE_HIT severity=CRITICAL facts=[1] summary="Subject S-001 hit SR-SUBJECT"',
    );
  });

  it('says why a dead letter is one, and shows what is not an event by the broker time', () => {
    expect(tailLine(message('{oops', { 'event-type': 'ScreeningSubmitted', 'dead-letter-kind': 'MALFORMED_JSON', 'dead-letter-reason': 'message is not valid JSON' }))).toBe(
      '2015-06-08T09:30:00.000Z  ScreeningSubmitted  key=S-001  subject=-  dead letter MALFORMED_JSON: message is not valid JSON',
    );
    expect(tailLine({ ...message(null), key: null })).toBe('2015-06-08T09:30:00.000Z  -  key=-  subject=-  not an event: (no value)');
  });

  it('keeps to one line of at most 120 characters of summary', () => {
    const line = tailLine(message(JSON.stringify({ ...alert, payload: { summary: `line one\nline two ${'x'.repeat(200)}` } })));
    expect(line).not.toContain('\n');
    const summary = line.split('  ').pop()!;
    expect(summary).toHaveLength(120);
    expect(summary.endsWith('…')).toBe(true);
  });

  it('summarises lists and objects by their shape, and nothing that is not an object', () => {
    expect(payloadSummary({ protocol: { version: 2 }, sites: [1, 2], ok: true })).toBe('protocol={…} sites=[2] ok=true');
    expect(payloadSummary(null)).toBe('');
  });
});
