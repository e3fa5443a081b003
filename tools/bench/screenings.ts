import { randomUUID } from 'node:crypto';
import { eligibleScreening } from '../../libs/testing/src/sample-trial';
import type { OutMessage } from './wire';

/**
 * ScreeningSubmitted envelopes as a sponsor's system puts them on the ingress topic: the wire
 * format of libs/contracts (envelope + payload), written out here so the benchmark depends on the
 * contract, not on any service's code. The payload is the eligible subject the tests use
 * (libs/testing), under a unique pseudonymous subject id.
 */

/** Subject ids are `<tag>-<phase>-<index>`: the watcher maps each SubjectScreened back to what was sent. */
export function subjectId(tag: string, phase: string, index: number): string {
  return `${tag}-${phase}-${index}`;
}

export function screeningMessage(trialId: string, tag: string, phase: string, index: number): OutMessage {
  const id = subjectId(tag, phase, index);
  const envelope = {
    eventId: randomUUID(),
    type: 'ScreeningSubmitted',
    version: 1,
    occurredAt: new Date().toISOString(),
    producer: 'bench-load-generator',
    trialId,
    subjectId: id,
    correlationId: randomUUID(),
    payload: eligibleScreening(id),
  };
  return { key: id, value: JSON.stringify(envelope) };
}

export function screeningMessages(trialId: string, tag: string, phase: string, count: number): OutMessage[] {
  return Array.from({ length: count }, (_, i) => screeningMessage(trialId, tag, phase, i));
}
