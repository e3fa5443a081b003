import type { ExpeditedReporting, ProtocolVersionPublishedPayload, StoppingRule } from '@trialstream/contracts';

/** What the safety service keeps of a trial's protocol: its stopping rules and reporting clocks (nothing applies them yet). */
export interface SafetyPolicy {
  trialId: string;
  protocolVersion: number;
  subjectStoppingRules: StoppingRule[];
  trialStoppingRules: StoppingRule[];
  expeditedReporting: ExpeditedReporting;
}

/** Stopping rules are split by what they stop: one subject's dosing, or the whole trial. */
export function safetyPolicyFrom({ trialId, protocol }: ProtocolVersionPublishedPayload): SafetyPolicy {
  const { stoppingRules, expeditedReporting } = protocol.safety;
  return {
    trialId: trialId,
    protocolVersion: protocol.version,
    subjectStoppingRules: stoppingRules.filter((rule) => rule.scope === 'SUBJECT'),
    trialStoppingRules: stoppingRules.filter((rule) => rule.scope === 'TRIAL'),
    expeditedReporting,
  };
}
