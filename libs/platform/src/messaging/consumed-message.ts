import { decodeEnvelopeJson, knownVersions, parseEnvelopeJson, validatePayload, type EventContract, type EventEnvelope } from '@trialstream/contracts';
import type { IHeaders } from 'kafkajs';
import type { EntityManager } from 'typeorm';
import { eventPattern, type EventSource } from './handles-event';

/** A message as taken off a topic (or out of the parking table): bytes, key, headers and position. */
export interface ConsumedMessage extends EventSource {
  key: Buffer | null;
  value: Buffer | null;
  headers?: IHeaders;
}

/** Runs every handler this service declared for one contract on these events, inside the given transaction. */
export type InvokeHandlers = (events: EventEnvelope<object>[], tx: EntityManager, source: EventSource) => Promise<void>;

export interface RegisteredHandlers {
  contract: EventContract;
  /** Whether the handler takes consecutive events of its contract at once. */
  batch: boolean;
  invoke: InvokeHandlers;
}

/** What a consumer makes of a message before any handler runs. */
export type Reading =
  | { kind: 'event'; event: EventEnvelope<object>; handlers: RegisteredHandlers }
  | { kind: 'invalid'; failure: string; reason: string }
  /** Not for this service: an event type it does not know (a tolerant reader skips it) or does not handle. */
  | { kind: 'not-handled'; type: string };

/**
 * Decodes a message as a tolerant reader: an event type this service does not handle, as the
 * event-type header names it or else the body, is skipped before any validation (it is not this
 * service's to judge, nor to dead-letter; a sender whose header names another type than its body
 * breaks the contract and may see it skipped). Fields a newer minor version added are dropped; a
 * version of a type it handles that it cannot read, or a payload that breaks its contract, is
 * invalid (dead-lettered with the reason).
 */
export function readMessage(message: ConsumedMessage, handlers: ReadonlyMap<string, RegisteredHandlers>, handledTypes: ReadonlySet<string>): Reading {
  const announced = announcedType(message);
  if (announced !== undefined && !handledTypes.has(announced)) return { kind: 'not-handled', type: announced };
  const parsed = parseEnvelopeJson(message.value);
  if (!parsed.ok) return { kind: 'invalid', failure: parsed.kind, reason: parsed.reason };
  const type = parsed.json.type;
  if (typeof type === 'string' && !handledTypes.has(type)) return { kind: 'not-handled', type: knownVersions(type).length > 0 ? type : 'unknown' };

  const decoded = decodeEnvelopeJson(parsed.json, 'drop');
  if (!decoded.ok) return { kind: 'invalid', failure: decoded.kind, reason: decoded.reason };
  const { envelope, contract } = decoded;
  const registered = handlers.get(eventPattern(contract));
  if (!registered) {
    return { kind: 'invalid', failure: 'UNSUPPORTED_VERSION', reason: `version: ${contract.type} version ${contract.version} is not handled by this service [supportedVersion]` };
  }
  const payload = validatePayload(contract, envelope.payload, 'drop');
  if (!payload.ok) return { kind: 'invalid', failure: 'INVALID_PAYLOAD', reason: payload.reason };
  return { kind: 'event', event: { ...envelope, payload: payload.payload }, handlers: registered };
}

/**
 * The event-type header every relay sets (eventHeaders in the contracts), when it names a type of
 * the catalogue: a consumer of a shared topic skips the many events it does not handle without
 * reading their bodies. An unknown or missing header proves nothing; the body decides then.
 */
function announcedType(message: ConsumedMessage): string | undefined {
  const header = message.headers?.['event-type'];
  const type = Buffer.isBuffer(header) ? header.toString() : typeof header === 'string' ? header : undefined;
  return type !== undefined && knownVersions(type).length > 0 ? type : undefined;
}
