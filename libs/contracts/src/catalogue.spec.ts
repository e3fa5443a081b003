import { EVENT_CATALOGUE } from './catalogue';
import { TOPICS } from './topics';

describe('the topics the platform provisions', () => {
  it('are the topics event contracts travel on, no more and no fewer', () => {
    const carried = new Set(EVENT_CATALOGUE.map((contract) => contract.topic.name));
    expect(Object.values(TOPICS).map((topic) => topic.name).sort()).toEqual([...carried].sort());
  });
});
