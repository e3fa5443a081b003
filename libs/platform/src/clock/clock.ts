/**
 * The one source of "now" for anything a trial's calendar depends on (due dates, timers), so a test
 * or a rehearsal environment can move time forward. Also the Nest injection token.
 */
export abstract class Clock {
  abstract now(): Date;
}

/** Real time. */
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

export type JumpListener = (now: Date) => void;

/**
 * Real time plus an offset that only grows: moving back would let timers that already fired fall
 * due again. Listeners hear of every jump, so a scheduler sleeping until the next due time wakes.
 */
export class AdjustableClock extends Clock {
  private offset = 0;
  private readonly listeners = new Set<JumpListener>();

  constructor(private readonly realTime: () => number = Date.now) {
    super();
  }

  now(): Date {
    return new Date(this.realTime() + this.offset);
  }

  /** How far ahead of real time this clock runs. */
  get offsetMs(): number {
    return this.offset;
  }

  /** Moves forward by ms (0 changes nothing and tells no one); returns the new now. */
  advance(ms: number): Date {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError(`the clock only moves forward: cannot advance by ${ms} ms`);
    }
    if (Number.isNaN(new Date(this.now().getTime() + ms).getTime())) {
      throw new RangeError(`cannot advance by ${ms} ms: the date would be out of range`);
    }
    if (ms === 0) return this.now();
    this.offset += ms;
    const now = this.now();
    for (const listener of this.listeners) listener(now);
    return now;
  }

  /** Moves forward to the given instant; refuses one before now. */
  advanceTo(instant: Date): Date {
    const now = this.now();
    if (Number.isNaN(instant.getTime())) throw new RangeError('cannot advance to an invalid date');
    if (instant < now) {
      throw new RangeError(`the clock only moves forward: ${instant.toISOString()} is before now (${now.toISOString()})`);
    }
    return this.advance(instant.getTime() - now.getTime());
  }

  /** Calls the listener after every jump; returns a function that stops it. */
  onJump(listener: JumpListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
