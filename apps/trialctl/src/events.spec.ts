import { TOPICS } from '@trialstream/contracts';
import { eligibleScreening, sampleEnvelope } from '@trialstream/testing';
import { checkEvents, readEvents } from './events';

const screening = (subjectId: string, changes: object = {}) =>
  sampleEnvelope({ ...eligibleScreening(subjectId), ...changes }, { type: 'ScreeningSubmitted', trialId: 'NCT02491658', subjectId });

describe('reading events', () => {
  it('reads one envelope, a JSON array or NDJSON', () => {
    const [a, b] = [screening('S-001'), screening('S-002')];
    expect(readEvents(JSON.stringify(a))).toEqual({ ok: true, events: [a] });
    expect(readEvents(JSON.stringify([a, b]))).toEqual({ ok: true, events: [a, b] });
    expect(readEvents(`${JSON.stringify(a)}\n\n${JSON.stringify(b)}\n`)).toEqual({ ok: true, events: [a, b] });
  });

  it('names the lines that are not JSON, and refuses an empty input', () => {
    const result = readEvents(`${JSON.stringify(screening('S-001'))}\n{"type":`);
    expect(result).toEqual({ ok: false, refusals: [expect.stringMatching(/^line 2: not valid JSON: /)] });
    expect(readEvents(' \n')).toEqual({ ok: false, refusals: ['no event in the input'] });
  });
});

describe('checking events against their contracts', () => {
  it("sends a valid event to its contract's topic, with its key and the services' headers", () => {
    const event = screening('S-001');
    const result = checkEvents([event]);
    expect(result).toMatchObject({ ok: true, events: [{ key: 'S-001', value: JSON.stringify(event), contract: { topic: TOPICS.sponsorIngress } }] });
    expect(result.ok && result.events[0].headers).toEqual({
      'content-type': 'application/json', 'event-id': event.eventId, 'event-type': 'ScreeningSubmitted', 'event-version': '1', 'correlation-id': event.correlationId,
    });
  });

  it('refuses every broken event with the field and rule the services name, and passes none', () => {
    const result = checkEvents([screening('S-001'), screening('S-002', { baselinePasi: 73, nickname: 'x' }), { ...screening('S-003'), type: 'ScreeningSent' }, 'hello']);
    expect(result).toEqual({
      ok: false,
      refusals: [
        'event 2: ScreeningSubmitted v1: payload.nickname: payload.nickname is not a known field [unknownField]; payload.baselinePasi: baselinePasi must not be greater than 72 [max]',
        'event 3: type: unknown event type "ScreeningSent" [knownType]',
        'event 4: must be a JSON object (the event envelope)',
      ],
    });
  });

  it('refuses a broken envelope and a version no contract has', () => {
    const { eventId: _eventId, ...noId } = screening('S-001');
    expect(checkEvents([noId, { ...screening('S-002'), version: 9 }])).toEqual({
      ok: false,
      refusals: ['event 1: eventId: eventId must be a UUID [isUuid]', 'event 2: version: ScreeningSubmitted version 9 is not supported (supported: 1) [supportedVersion]'],
    });
  });
});
