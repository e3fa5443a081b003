import { findContract, knownVersions } from './catalogue';
import { EventEnvelope } from './envelope';
import type { EventContract } from './event-contract';
import { describeViolations, validatePlain, type UnknownFields } from './validation';

export type DecodeFailureKind = 'MALFORMED_JSON' | 'INVALID_ENVELOPE' | 'UNKNOWN_TYPE' | 'UNSUPPORTED_VERSION' | 'INVALID_PAYLOAD';

export type EnvelopeDecoding =
  | { ok: true; envelope: EventEnvelope<Record<string, unknown>>; contract: EventContract }
  | { ok: false; kind: DecodeFailureKind; reason: string };

export type JsonReading = { ok: true; json: Record<string, unknown> } | { ok: false; kind: DecodeFailureKind; reason: string };

/** Parses raw bytes as an envelope-shaped JSON object, nothing checked yet. */
export function parseEnvelopeJson(raw: Buffer | string | null): JsonReading {
  let json: unknown;
  try {
    json = JSON.parse(raw === null ? '' : raw.toString());
  } catch (error) {
    return { ok: false, kind: 'MALFORMED_JSON', reason: `message is not valid JSON: ${(error as Error).message}` };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, kind: 'INVALID_ENVELOPE', reason: 'message must be a JSON object (the event envelope)' };
  }
  return { ok: true, json: json as Record<string, unknown> };
}

/**
 * Reads the envelope from raw bytes and finds its contract, without validating the payload yet:
 * a consumer validates payloads only of the events it handles. A consumer drops envelope fields it
 * does not know (added by a newer producer); a producer's own check refuses them.
 */
export function decodeEnvelope(raw: Buffer | string | null, unknownFields: UnknownFields = 'refuse'): EnvelopeDecoding {
  const parsed = parseEnvelopeJson(raw);
  return parsed.ok ? decodeEnvelopeJson(parsed.json, unknownFields) : parsed;
}

/** decodeEnvelope for JSON already parsed. */
export function decodeEnvelopeJson(json: Record<string, unknown>, unknownFields: UnknownFields = 'refuse'): EnvelopeDecoding {
  const { payload, ...envelopeFields } = json;
  const { value, violations } = validatePlain(EventEnvelope, { ...envelopeFields, payload: payload ?? null }, '', { unknownFields });
  if (violations.length > 0) {
    return { ok: false, kind: 'INVALID_ENVELOPE', reason: describeViolations(violations) };
  }
  const contract = findContract(value.type, value.version);
  if (!contract) {
    const versions = knownVersions(value.type);
    return versions.length === 0
      ? { ok: false, kind: 'UNKNOWN_TYPE', reason: `type: unknown event type "${value.type}" [knownType]` }
      : {
          ok: false,
          kind: 'UNSUPPORTED_VERSION',
          reason: `version: ${value.type} version ${value.version} is not supported (supported: ${versions.join(', ')}) [supportedVersion]`,
        };
  }
  // Keep the payload as sent: class-transformer must not touch it before the contract's own check.
  value.payload = payload as Record<string, unknown>;
  return { ok: true, envelope: value as EventEnvelope<Record<string, unknown>>, contract };
}

export type PayloadValidation<P> = { ok: true; payload: P } | { ok: false; reason: string };

export function validatePayload<P extends object>(contract: EventContract<P>, payload: unknown, unknownFields: UnknownFields = 'refuse'): PayloadValidation<P> {
  const { value, violations } = validatePlain(contract.payload, payload, 'payload', { unknownFields });
  return violations.length === 0 ? { ok: true, payload: value } : { ok: false, reason: describeViolations(violations) };
}
