import type { SafetyAlertRaisedPayload } from '@trialstream/contracts';
import type { SafetyAlert } from '../persistence/safety-alert.entity';

/** A stored alert as SafetyAlertRaised carries it: what is published, and what a resumed stream sends again. */
export function alertPayloadOf(alert: SafetyAlert): SafetyAlertRaisedPayload {
  return {
    alertId: alert.alertId,
    kind: alert.kind,
    severity: alert.severity,
    subjectId: alert.subjectId,
    caseId: alert.caseId,
    caseVersion: alert.caseVersion,
    ...(alert.ruleId ? { ruleId: alert.ruleId } : {}),
    ...(alert.holdId ? { holdId: alert.holdId } : {}),
    ...(alert.dueDate ? { dueDate: alert.dueDate } : {}),
    summary: alert.summary,
    nextStep: alert.nextStep,
    raisedAt: alert.raisedAt.toISOString(),
  };
}
