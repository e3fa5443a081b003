import { calendarDateIn } from '@trialstream/contracts';
import { windowClosedAt } from './site-calendar';

describe("the site's calendar", () => {
  it('closes a window at the end of its last day at the site', () => {
    const closed = windowClosedAt('2015-06-16', 'Asia/Shanghai');
    expect(closed.toISOString()).toBe('2015-06-16T16:00:00.000Z');
    expect(calendarDateIn(new Date(closed.getTime() - 1), 'Asia/Shanghai')).toBe('2015-06-16');
  });
});
