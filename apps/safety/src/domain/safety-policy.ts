import type { ExpeditedReporting, StoppingRule, TrialRegisteredPayload } from '@trialstream/contracts';

/** What the safety service enforces for a trial: its stopping rules and reporting clocks. */
export interface SafetyPolicy {
  trialId: string;
  protocolVersion: number;
  subjectStoppingRules: StoppingRule[];
  trialStoppingRules: StoppingRule[];
  expeditedReporting: ExpeditedReporting;
}

/** Null for a trial without an executable protocol. Stopping rules are split by what they stop. */
export function safetyPolicyFrom(trial: TrialRegisteredPayload): SafetyPolicy | null {
  const protocol = trial.protocol;
  if (!protocol) return null;
  const { stoppingRules, expeditedReporting } = protocol.safety;
  return {
    trialId: trial.nctId,
    protocolVersion: protocol.version,
    subjectStoppingRules: stoppingRules.filter((rule) => rule.scope === 'SUBJECT'),
    trialStoppingRules: stoppingRules.filter((rule) => rule.scope === 'TRIAL'),
    expeditedReporting,
  };
}
