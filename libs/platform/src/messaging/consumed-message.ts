import { decodeEnvelopeJson, EVENT_CATALOGUE, parseEnvelopeJson, validatePayload, type EventContract, type EventEnvelope } from '@trialstream/contracts';
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

/** The topics each type of the catalogue travels on (by name before any environment prefix). */
const topicsOfType = new Map<string, string[]>();
for (const contract of EVENT_CATALOGUE) topicsOfType.set(contract.type, [...(topicsOfType.get(contract.type) ?? []), contract.topic.name]);

/**
 * Decodes a message as a tolerant reader: an event type this service does not handle, as the
 * event-type header names it or else the body, is skipped before any validation (it is not this
 * service's to judge, nor to dead-letter). A body of another type than its header names is invalid
 * for the services that handle the header's type, so such a message is dead-lettered, not skipped
 * by all. Fields a newer minor version added are dropped; a version of a type it handles that it
 * cannot read, or a payload that breaks its contract, is invalid (dead-lettered with the reason).
 */
export function readMessage(message: ConsumedMessage, handlers: ReadonlyMap<string, RegisteredHandlers>, handledTypes: ReadonlySet<string>): Reading {
  const announced = announcedType(message);
  if (announced !== undefined && !handledTypes.has(announced)) return { kind: 'not-handled', type: announced };
  const parsed = parseEnvelopeJson(message.value);
  if (!parsed.ok) return { kind: 'invalid', failure: parsed.kind, reason: parsed.reason };
  const type = parsed.json.type;
  if (announced !== undefined && type !== announced) {
    return { kind: 'invalid', failure: 'INVALID_ENVELOPE', reason: `type: the body is ${JSON.stringify(type)} but the event-type header names "${announced}" [matchesHeader]` };
  }
  if (typeof type === 'string' && !handledTypes.has(type)) return { kind: 'not-handled', type: topicsOfType.has(type) ? type : 'unknown' };

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
 * the catalogue that travels on the message's topic: a consumer of a shared topic skips the many
 * events it does not handle without reading their bodies. Any other header proves nothing (no
 * service would read the body under it); the body decides then.
 */
function announcedType(message: ConsumedMessage): string | undefined {
  const header = message.headers?.['event-type'];
  const type = Buffer.isBuffer(header) ? header.toString() : typeof header === 'string' ? header : undefined;
  const travelsHere = type !== undefined && topicsOfType.get(type)?.some((topic) => message.topic.endsWith(topic));
  return travelsHere ? type : undefined;
}
