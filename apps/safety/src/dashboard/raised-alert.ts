import { decodeEnvelope, SafetyAlertRaised, validatePayload, type SafetyAlertRaisedPayload } from '@trialstream/contracts';

export interface RaisedAlert {
  trialId: string;
  alert: SafetyAlertRaisedPayload;
}

/** A message of the alerts topic read as SafetyAlertRaised (fields a newer minor version adds dropped), or undefined if it is not one. */
export function raisedAlertOf(raw: Buffer | string | null): RaisedAlert | undefined {
  const decoded = decodeEnvelope(raw, 'drop');
  if (!decoded.ok || decoded.contract !== SafetyAlertRaised) return undefined;
  const payload = validatePayload(SafetyAlertRaised, decoded.envelope.payload, 'drop');
  return payload.ok ? { trialId: decoded.envelope.trialId, alert: payload.payload } : undefined;
}
