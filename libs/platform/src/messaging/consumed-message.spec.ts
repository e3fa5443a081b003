import { eventHeaders, ScreeningSubmitted, TOPICS, type EventContract } from '@trialstream/contracts';
import { eligibleScreening, sampleEnvelope } from '@trialstream/testing';
import { readMessage, type ConsumedMessage, type RegisteredHandlers } from './consumed-message';
import { eventPattern } from './handles-event';

describe('readMessage', () => {
  const handlers = new Map<string, RegisteredHandlers>([[eventPattern(ScreeningSubmitted), { contract: ScreeningSubmitted as EventContract, batch: true, invoke: async () => undefined }]]);
  const handledTypes = new Set(['ScreeningSubmitted']);
  const screening = sampleEnvelope(eligibleScreening('S-001'), { type: 'ScreeningSubmitted', trialId: 'NCT02491658', subjectId: 'S-001' });
  const ingress = `test.${TOPICS.sponsorIngress.name}`;
  const enrollmentEvents = `test.${TOPICS.enrollmentEvents.name}`;
  const message = (value: string, headers?: ConsumedMessage['headers'], topic = ingress): ConsumedMessage => ({ topic, partition: 0, offset: '0', key: Buffer.from('S-001'), value: Buffer.from(value), headers });

  it('skips an event whose event-type header names a type of its topic this service does not handle, without reading its body', () => {
    const headers = eventHeaders({ eventId: screening.eventId, type: 'SubjectScreened', version: 1, correlationId: screening.correlationId });
    expect(readMessage(message('not JSON at all', headers, enrollmentEvents), handlers, handledTypes)).toEqual({ kind: 'not-handled', type: 'SubjectScreened' });
    expect(readMessage(message('not JSON at all', { 'event-type': Buffer.from('SubjectEnrolled') }, enrollmentEvents), handlers, handledTypes)).toEqual({ kind: 'not-handled', type: 'SubjectEnrolled' });
  });

  it('reads the body when the header names a type it handles, a type outside the catalogue or off this topic, or is missing', () => {
    for (const headers of [eventHeaders(screening), { 'event-type': 'SomethingNobodyDefined' }, { 'event-type': 'SubjectScreened' }, undefined]) {
      const reading = readMessage(message(JSON.stringify(screening), headers), handlers, handledTypes);
      expect(reading).toMatchObject({ kind: 'event', event: { eventId: screening.eventId, type: 'ScreeningSubmitted' } });
    }
  });

  it('dead-letters a body of another type than the header it handles names, so the message is not skipped by every service', () => {
    const reading = readMessage(message(JSON.stringify({ ...screening, type: 'InfusionAdministrationSubmitted' }), eventHeaders(screening)), handlers, handledTypes);
    expect(reading).toEqual({ kind: 'invalid', failure: 'INVALID_ENVELOPE', reason: 'type: the body is "InfusionAdministrationSubmitted" but the event-type header names "ScreeningSubmitted" [matchesHeader]' });
  });

  it('dead-letters a body that breaks the contract of a type it handles, whatever the header says of it', () => {
    const reading = readMessage(message('{"type": "ScreeningSubmitted"', eventHeaders(screening)), handlers, handledTypes);
    expect(reading).toMatchObject({ kind: 'invalid' });
  });

  it('skips by the body a type it does not handle when there is no header', () => {
    expect(readMessage(message(JSON.stringify({ ...screening, type: 'SubjectScreened' })), handlers, handledTypes)).toEqual({ kind: 'not-handled', type: 'SubjectScreened' });
  });
});
