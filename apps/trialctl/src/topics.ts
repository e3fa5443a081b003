import { allTopics, topicName } from '@trialstream/contracts';

/** A topic's short name: its name without `trialstream.` and the generation suffix (`safety.alerts`). */
export function shortName(name: string): string {
  return name.replace(/^trialstream\./, '').replace(/\.v\d+$/, '');
}

/** The topic on the wire for a short or full name (without the environment prefix), or undefined if the platform has none such. */
export function resolveTopic(name: string, prefix: string): string | undefined {
  const topic = allTopics().find((t) => t.name === name || shortName(t.name) === name);
  return topic && topicName(prefix, topic);
}

export function knownTopics(): string[] {
  return allTopics().map((t) => shortName(t.name));
}
