import { decodeEnvelopeJson, eventHeaders, validatePayload, type EventContract, type EventEnvelope } from '@trialstream/contracts';

/** An event that passed its contract, ready for the wire: the contract's topic and key, the envelope's headers. */
export interface CheckedEvent {
  envelope: EventEnvelope<object>;
  contract: EventContract;
  key: string;
  value: string;
  headers: Record<string, string>;
}

export type EventsCheck = { ok: true; events: CheckedEvent[] } | { ok: false; refusals: string[] };

/** The events in a file: one JSON envelope, a JSON array of them, or one per line (NDJSON). */
export function readEvents(text: string): { ok: true; events: unknown[] } | { ok: false; refusals: string[] } {
  try {
    const whole: unknown = JSON.parse(text);
    return { ok: true, events: Array.isArray(whole) ? whole : [whole] };
  } catch {
    // not one JSON document: read it as NDJSON below
  }
  const events: unknown[] = [];
  const refusals: string[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      events.push(JSON.parse(line));
    } catch (error) {
      refusals.push(`line ${index + 1}: not valid JSON: ${(error as Error).message}`);
    }
  });
  if (refusals.length === 0 && events.length === 0) refusals.push('no event in the input');
  return refusals.length === 0 ? { ok: true, events } : { ok: false, refusals };
}

/**
 * Checks each event as the services do (envelope, then the payload against its contract, unknown
 * fields refused as a producer's own check refuses them), with their messages: field, rule.
 */
export function checkEvents(inputs: unknown[]): EventsCheck {
  const events: CheckedEvent[] = [];
  const refusals: string[] = [];
  inputs.forEach((input, index) => {
    const refuse = (reason: string) => refusals.push(`event ${index + 1}: ${reason}`);
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return refuse('must be a JSON object (the event envelope)');
    const decoded = decodeEnvelopeJson(input as Record<string, unknown>);
    if (!decoded.ok) return refuse(decoded.reason);
    const { envelope, contract } = decoded;
    const payload = validatePayload(contract, envelope.payload);
    if (!payload.ok) return refuse(`${contract.type} v${contract.version}: ${payload.reason}`);
    events.push({
      envelope,
      contract,
      key: contract.key({ ...envelope, payload: payload.payload }),
      value: JSON.stringify(input),
      headers: eventHeaders(envelope),
    });
  });
  return refusals.length === 0 ? { ok: true, events } : { ok: false, refusals };
}
