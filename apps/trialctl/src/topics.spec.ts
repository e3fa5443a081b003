import { knownTopics, resolveTopic, shortName } from './topics';

describe('topics by name', () => {
  it('finds a topic by its short or full name, under the environment prefix', () => {
    expect(resolveTopic('safety.alerts', '')).toBe('trialstream.safety.alerts.v1');
    expect(resolveTopic('trialstream.safety.alerts.v1', 'e2e-1.')).toBe('e2e-1.trialstream.safety.alerts.v1');
    expect(resolveTopic('enrollment.dead-letter', '')).toBe('trialstream.enrollment.dead-letter.v1');
  });

  it('knows no topic the platform does not have', () => {
    expect(resolveTopic('safety', '')).toBeUndefined();
    expect(knownTopics()).toContain('ingress.sponsor');
    expect(shortName('trialstream.registry.events.v1')).toBe('registry.events');
  });
});
