import type { EventEnvelope } from './envelope';

/** Headers on every published event, so tools can route and trace without parsing the value. */
export function eventHeaders(envelope: Pick<EventEnvelope, 'eventId' | 'type' | 'version' | 'correlationId'>): Record<string, string> {
  return {
    'content-type': 'application/json',
    'event-id': envelope.eventId,
    'event-type': envelope.type,
    'event-version': String(envelope.version),
    'correlation-id': envelope.correlationId,
  };
}
