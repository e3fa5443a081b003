import { allTopics, CONSUMING_SERVICES, deadLetterTopic, topicName, TOPICS } from './topics';

describe('topic layout', () => {
  it('gives every topic a distinct name and each consuming service its own dead-letter topic', () => {
    const names = allTopics().map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const service of CONSUMING_SERVICES) expect(names).toContain(`trialstream.${service}.dead-letter.v1`);
    expect(deadLetterTopic('safety').name).toBe('trialstream.safety.dead-letter.v1');
  });

  it('prefixes names for environments that share a cluster', () => {
    expect(topicName('staging.', TOPICS.registryEvents)).toBe('staging.trialstream.registry.events.v1');
    expect(topicName('', TOPICS.registryEvents)).toBe('trialstream.registry.events.v1');
  });
});
