import { timeZoneOfSite, type ExpeditedReporting, type ProtocolVersionPublishedPayload, type StoppingRule, type TrialSite } from '@trialstream/contracts';

/** What the safety service enforces for a trial: its stopping rules, reporting clocks, and the sites whose calendars the clocks run on. */
export interface SafetyPolicy {
  trialId: string;
  protocolVersion: number;
  subjectStoppingRules: StoppingRule[];
  trialStoppingRules: StoppingRule[];
  expeditedReporting: ExpeditedReporting;
  sites: TrialSite[] | null;
  /** What the arms give, each a suspect product of an adverse-event report (E2B G.k). */
  investigationalProducts: string[];
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
    sites: protocol.sites ?? null,
    investigationalProducts: [...new Set(protocol.arms.flatMap((arm) => arm.interventionNames))],
  };
}

/** The time zone of a site's calendar, on which report deadlines end; UTC's when the protocol does not list the site. */
export function siteTimeZone(policy: Pick<SafetyPolicy, 'sites'>, siteId: string): string {
  return timeZoneOfSite(policy.sites, siteId);
}
