import { eventHeaders, ScreeningSubmitted, type EventContract } from '@trialstream/contracts';
import { eligibleScreening, sampleEnvelope } from '@trialstream/testing';
import { readMessage, type ConsumedMessage, type RegisteredHandlers } from './consumed-message';
import { eventPattern } from './handles-event';

describe('readMessage', () => {
  const handlers = new Map<string, RegisteredHandlers>([[eventPattern(ScreeningSubmitted), { contract: ScreeningSubmitted as EventContract, batch: true, invoke: async () => undefined }]]);
  const handledTypes = new Set(['ScreeningSubmitted']);
  const screening = sampleEnvelope(eligibleScreening('S-001'), { type: 'ScreeningSubmitted', trialId: 'NCT02491658', subjectId: 'S-001' });
  const message = (value: string, headers?: ConsumedMessage['headers']): ConsumedMessage => ({ topic: 'ingress', partition: 0, offset: '0', key: Buffer.from('S-001'), value: Buffer.from(value), headers });

  it('skips an event whose event-type header names a type of the catalogue this service does not handle, without reading its body', () => {
    const headers = eventHeaders({ eventId: screening.eventId, type: 'SubjectScreened', version: 1, correlationId: screening.correlationId });
    expect(readMessage(message('not JSON at all', headers), handlers, handledTypes)).toEqual({ kind: 'not-handled', type: 'SubjectScreened' });
    expect(readMessage(message('not JSON at all', { 'event-type': Buffer.from('EnrollmentClosed') }), handlers, handledTypes)).toEqual({ kind: 'not-handled', type: 'EnrollmentClosed' });
  });

  it('reads the body when the header names a type it handles, a type outside the catalogue, or is missing', () => {
    for (const headers of [eventHeaders(screening), { 'event-type': 'SomethingNobodyDefined' }, undefined]) {
      const reading = readMessage(message(JSON.stringify(screening), headers), handlers, handledTypes);
      expect(reading).toMatchObject({ kind: 'event', event: { eventId: screening.eventId, type: 'ScreeningSubmitted' } });
    }
  });

  it('dead-letters a body that breaks the contract of a type it handles, whatever the header says of it', () => {
    const reading = readMessage(message('{"type": "ScreeningSubmitted"', eventHeaders(screening)), handlers, handledTypes);
    expect(reading).toMatchObject({ kind: 'invalid' });
  });

  it('skips by the body a type it does not handle when there is no header', () => {
    expect(readMessage(message(JSON.stringify({ ...screening, type: 'SubjectScreened' })), handlers, handledTypes)).toEqual({ kind: 'not-handled', type: 'SubjectScreened' });
  });
});
