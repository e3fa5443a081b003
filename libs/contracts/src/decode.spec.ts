import { randomUUID } from 'node:crypto';
import { decodeEnvelope, validatePayload } from './decode';
import { ProtocolVersionPublished } from './registry/protocol-version-published';
import { TrialRegistered } from './registry/trial-registered';

const payload = { trialId: 'NCT02491658', briefTitle: 'UC-MSCs in psoriasis', phases: ['PHASE1'], overallStatus: 'RECRUITING' };
const envelope = (overrides: Record<string, unknown> = {}) => ({
  eventId: randomUUID(),
  type: 'TrialRegistered',
  version: 1,
  occurredAt: '2026-11-24T10:00:00.000Z',
  producer: 'registry',
  trialId: 'NCT02491658',
  correlationId: randomUUID(),
  payload,
  ...overrides,
});
const bytes = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('decodeEnvelope', () => {
  it('finds the contract of a well-formed event and keeps its payload as sent', () => {
    const decoded = decodeEnvelope(bytes(envelope()));
    expect(decoded).toMatchObject({ ok: true, contract: TrialRegistered, envelope: { type: 'TrialRegistered', payload } });
  });

  it('reports bytes that are not JSON', () => {
    expect(decodeEnvelope(Buffer.from('{"type": '))).toMatchObject({ ok: false, kind: 'MALFORMED_JSON' });
    expect(decodeEnvelope(null)).toMatchObject({ ok: false, kind: 'MALFORMED_JSON' });
  });

  it('reports JSON that is not an object', () => {
    expect(decodeEnvelope(bytes([1, 2]))).toMatchObject({ ok: false, kind: 'INVALID_ENVELOPE' });
  });

  it('names the envelope field and rule that failed', () => {
    const decoded = decodeEnvelope(bytes(envelope({ eventId: 'not-a-uuid', occurredAt: 'yesterday' })));
    expect(decoded.ok).toBe(false);
    if (decoded.ok) return;
    expect(decoded.kind).toBe('INVALID_ENVELOPE');
    expect(decoded.reason).toContain('eventId: eventId must be a UUID [isUuid]');
    expect(decoded.reason).toContain('occurredAt: occurredAt must be a date-time with its offset, e.g. 2015-06-01T08:30:00Z [isInstant]');
  });

  it('drops envelope fields it does not know when reading tolerantly, and refuses them otherwise', () => {
    const withExtra = bytes(envelope({ traceState: 'vendor=1' }));
    expect(decodeEnvelope(withExtra)).toMatchObject({ ok: false, kind: 'INVALID_ENVELOPE' });
    const decoded = decodeEnvelope(withExtra, 'drop');
    expect(decoded.ok && 'traceState' in decoded.envelope).toBe(false);
    expect(decoded.ok).toBe(true);
  });

  it('rejects an envelope without a payload', () => {
    const { payload: _omitted, ...withoutPayload } = envelope();
    expect(decodeEnvelope(bytes(withoutPayload))).toMatchObject({ ok: false, kind: 'INVALID_ENVELOPE' });
  });

  it('tells an unknown type from an unsupported version of a known one', () => {
    expect(decodeEnvelope(bytes(envelope({ type: 'TrialTeleported' })))).toMatchObject({ ok: false, kind: 'UNKNOWN_TYPE' });
    const decoded = decodeEnvelope(bytes(envelope({ version: 2 })));
    expect(decoded).toMatchObject({ ok: false, kind: 'UNSUPPORTED_VERSION' });
    expect(!decoded.ok && decoded.reason).toContain('TrialRegistered version 2 is not supported (supported: 1)');
  });
});

describe('validatePayload', () => {
  it('accepts a payload that meets the contract', () => {
    expect(validatePayload(TrialRegistered, payload)).toMatchObject({ ok: true, payload: { trialId: 'NCT02491658' } });
  });

  it('names a broken field, its rule, and unknown fields', () => {
    const result = validatePayload(TrialRegistered, { ...payload, trialId: '2491658', patientName: 'x' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain('payload.trialId: trialId must look like NCT followed by 8 digits [matches]');
    expect(!result.ok && result.reason).toContain('payload.patientName: payload.patientName is not a known field [unknownField]');
  });

  it('as a tolerant reader drops fields a newer minor version added, and still names broken ones', () => {
    const tolerant = validatePayload(TrialRegistered, { ...payload, addedInV1_1: 'x' }, 'drop');
    expect(tolerant).toMatchObject({ ok: true, payload: { trialId: 'NCT02491658' } });
    expect(tolerant.ok && 'addedInV1_1' in tolerant.payload).toBe(false);
    expect(validatePayload(TrialRegistered, { ...payload, trialId: '2491658', addedInV1_1: 'x' }, 'drop')).toMatchObject({ ok: false });
  });

  it('gives the path into nested protocol data, and names missing parts', () => {
    const result = validatePayload(ProtocolVersionPublished, { trialId: 'NCT02491658', publishedBy: 'sponsor', protocol: { version: 0 } });
    expect(!result.ok && result.reason).toContain('payload.protocol.version: version must not be less than 1 [min]');
    expect(!result.ok && result.reason).toContain('payload.protocol.dosing: dosing should not be null or undefined [isDefined]');
    expect(!result.ok && result.reason).toContain('payload.protocol.infusions');
  });
});
