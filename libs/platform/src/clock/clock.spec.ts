import { AdjustableClock, Clock, SystemClock } from './clock';

const DAY_MS = 86_400_000;
const at = (iso: string) => new Date(iso).getTime();

describe('SystemClock', () => {
  it('tells real time', () => {
    const before = Date.now();
    const now = new SystemClock().now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});

describe('AdjustableClock', () => {
  let realTime: number;
  let clock: AdjustableClock;

  beforeEach(() => {
    realTime = at('2026-01-10T08:00:00.000Z');
    clock = new AdjustableClock(() => realTime);
  });

  it('is a Clock, so it can stand wherever one is injected', () => {
    expect(clock).toBeInstanceOf(Clock);
  });

  it('tells real time until it is moved', () => {
    expect(clock.now().toISOString()).toBe('2026-01-10T08:00:00.000Z');
    expect(clock.offsetMs).toBe(0);
    realTime += 1500;
    expect(clock.now().toISOString()).toBe('2026-01-10T08:00:01.500Z');
  });

  it('advances by a duration and keeps running with real time from there', () => {
    expect(clock.advance(30 * DAY_MS).toISOString()).toBe('2026-02-09T08:00:00.000Z');
    expect(clock.offsetMs).toBe(30 * DAY_MS);
    realTime += 60_000;
    expect(clock.now().toISOString()).toBe('2026-02-09T08:01:00.000Z');
  });

  it('advances to an instant, and jumps add up', () => {
    clock.advance(DAY_MS);
    expect(clock.advanceTo(new Date('2027-01-10T08:00:00Z')).toISOString()).toBe('2027-01-10T08:00:00.000Z');
    expect(clock.offsetMs).toBe(365 * DAY_MS);
  });

  it('accepts advancing by 0 or to now, changing nothing and telling no listener', () => {
    const listener = jest.fn();
    clock.onJump(listener);
    expect(clock.advance(0).toISOString()).toBe('2026-01-10T08:00:00.000Z');
    expect(clock.advanceTo(new Date('2026-01-10T08:00:00Z')).toISOString()).toBe('2026-01-10T08:00:00.000Z');
    expect(clock.offsetMs).toBe(0);
    expect(listener).not.toHaveBeenCalled();
  });

  it('refuses to move back, by a negative duration or to an earlier instant, and stays where it was', () => {
    clock.advance(DAY_MS);
    expect(() => clock.advance(-1)).toThrow('the clock only moves forward: cannot advance by -1 ms');
    expect(() => clock.advanceTo(new Date('2026-01-11T07:59:59.999Z'))).toThrow(
      'the clock only moves forward: 2026-01-11T07:59:59.999Z is before now (2026-01-11T08:00:00.000Z)',
    );
    expect(clock.offsetMs).toBe(DAY_MS);
  });

  it('refuses amounts that are not a time', () => {
    expect(() => clock.advance(Number.NaN)).toThrow('cannot advance by NaN ms');
    expect(() => clock.advance(Number.POSITIVE_INFINITY)).toThrow('cannot advance by Infinity ms');
    expect(() => clock.advance(1e17)).toThrow('the date would be out of range');
    expect(() => clock.advanceTo(new Date('not a date'))).toThrow('cannot advance to an invalid date');
    expect(clock.offsetMs).toBe(0);
  });

  it('tells each listener the new now after every jump, until it stops listening', () => {
    const heard: string[] = [];
    const stop = clock.onJump((now) => heard.push(now.toISOString()));
    clock.advance(DAY_MS);
    clock.advanceTo(new Date('2026-03-01T00:00:00Z'));
    stop();
    clock.advance(DAY_MS);
    expect(heard).toEqual(['2026-01-11T08:00:00.000Z', '2026-03-01T00:00:00.000Z']);
  });
});
