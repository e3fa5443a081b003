import { randomUUID } from 'node:crypto';
import { raisedAlertOf } from './raised-alert';

const payload = {
  alertId: randomUUID(),
  kind: 'STOPPING_RULE_TRIGGERED',
  severity: 'HIGH',
  subjectId: 'S-701',
  caseId: 'S-701-IRR-2',
  caseVersion: 1,
  ruleId: 'SR-SUBJECT-INFUSION-REACTION',
  summary: 'Stopping rule SR-SUBJECT-INFUSION-REACTION triggered.',
  nextStep: 'Dosing of subject S-701 is on hold.',
  raisedAt: '2026-11-26T01:00:00.000Z',
};
const envelope = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify({ eventId: randomUUID(), type: 'SafetyAlertRaised', version: 1, occurredAt: '2026-11-26T01:00:00.000Z', producer: 'safety', trialId: 'NCT02491658', subjectId: 'S-701', correlationId: randomUUID(), payload, ...overrides });

describe('an alert as the live stream reads it off the alerts topic', () => {
  it('is the trial and the payload of a SafetyAlertRaised', () => {
    expect(raisedAlertOf(Buffer.from(envelope()))).toEqual({ trialId: 'NCT02491658', alert: payload });
  });

  it('drops fields a newer minor version added', () => {
    expect(raisedAlertOf(envelope({ payload: { ...payload, escalatedTo: 'DSMB' } }))?.alert).toEqual(payload);
  });

  it('is nothing for another event, an invalid payload or bytes that are not an envelope', () => {
    expect(raisedAlertOf(envelope({ type: 'DosingHoldPlaced' }))).toBeUndefined();
    expect(raisedAlertOf(envelope({ payload: { ...payload, severity: 'LOW' } }))).toBeUndefined();
    expect(raisedAlertOf('not json')).toBeUndefined();
    expect(raisedAlertOf(null)).toBeUndefined();
  });
});
