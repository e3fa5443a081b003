/**
 * The platform's topic layout. One topic per bounded context and contract generation, one ingress
 * topic for sponsor systems, and one dead-letter topic per consuming service (a message can be
 * poison for one consumer and fine for another). A topic is defined (and provisioned) only once an
 * event contract travels on it.
 */
export interface TopicDefinition {
  /** Name on the wire, before any environment prefix (see topicName). */
  readonly name: string;
  readonly partitions: number;
  readonly description: string;
}

export const TOPICS = {
  registryEvents: {
    name: 'trialstream.registry.events.v1',
    partitions: 3,
    description: 'Trial registrations, protocol versions and trial status changes; keyed by trialId.',
  },
  enrollmentEvents: {
    name: 'trialstream.enrollment.events.v1',
    partitions: 6,
    description: 'Screening outcomes, enrollments, withdrawals and re-consent; keyed by subjectId.',
  },
  // Apart from the subject events: a service that follows trials (the registry) need not read every screening.
  enrollmentStatus: {
    name: 'trialstream.enrollment.status.v1',
    partitions: 3,
    description: 'Whether a trial still takes subjects (enrollment closed at its target); keyed by trialId.',
  },
  infusionEvents: {
    name: 'trialstream.infusion.events.v1',
    partitions: 6,
    description: 'Infusions given, protocol deviations, reactions forwarded to safety, missed windows and treatment completed; keyed by subjectId.',
  },
  safetyEvents: {
    name: 'trialstream.safety.events.v1',
    partitions: 6,
    description: 'Dosing holds and expedited-report clocks of adverse-event cases; keyed by subjectId (trialId for a trial-wide hold).',
  },
  safetyAlerts: {
    name: 'trialstream.safety.alerts.v1',
    partitions: 1,
    description: 'Alerts for safety monitors (stopping rules hit, reports due); one partition keeps them in order.',
  },
  sponsorIngress: {
    name: 'trialstream.ingress.sponsor.v1',
    partitions: 6,
    description: 'Events published by sponsor and site systems into the platform; keyed by subjectId or trialId.',
  },
} as const satisfies Record<string, TopicDefinition>;

export type TopicKey = keyof typeof TOPICS;

/** Services that consume events; each has its own dead-letter topic. */
export const CONSUMING_SERVICES = ['registry', 'enrollment', 'infusion-tracking', 'safety'] as const;
export type ConsumingService = (typeof CONSUMING_SERVICES)[number];

export function deadLetterTopic(service: ConsumingService): TopicDefinition {
  return {
    name: `trialstream.${service}.dead-letter.v1`,
    partitions: 1,
    description: `Messages the ${service} service could not process, with the original bytes and a reason header.`,
  };
}

/** Every topic the platform owns, for explicit creation (auto-create is off on the broker). */
export function allTopics(): TopicDefinition[] {
  return [...Object.values(TOPICS), ...CONSUMING_SERVICES.map(deadLetterTopic)];
}

/** An optional prefix lets several environments (or test runs) share one cluster. */
export function topicName(prefix: string, topic: TopicDefinition): string {
  return `${prefix}${topic.name}`;
}
