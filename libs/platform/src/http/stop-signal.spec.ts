import type { NextFunction, Request, Response } from 'express';
import { closeConnectionsWhenStopping, StopSignal } from './stop-signal';
import { STOP_SIGNALS } from './shutdown-limit';

describe('the stop signal', () => {
  const listenersOf = () => STOP_SIGNALS.map((signal) => process.listeners(signal).length);
  let before: number[];
  let stop: StopSignal;

  beforeEach(() => {
    before = listenersOf();
    stop = new StopSignal();
    stop.listen();
  });
  afterEach(() => stop.onApplicationShutdown());

  /** The Connection header the middleware leaves on an answer. */
  const answer = () => {
    const headers: Record<string, string> = {};
    const next: NextFunction = jest.fn();
    closeConnectionsWhenStopping(stop)({} as Request, { setHeader: (name: string, value: string) => (headers[name] = value) } as unknown as Response, next);
    expect(next).toHaveBeenCalled();
    return headers.connection;
  };

  it('is not stopping, and keeps connections alive, until a stop signal; then closes each connection after its answer', () => {
    expect(stop.stopping).toBe(false);
    expect(answer()).toBeUndefined();
    process.emit('SIGTERM', 'SIGTERM');
    expect(stop.stopping).toBe(true);
    expect(answer()).toBe('close');
    expect(answer()).toBe('close');
  });

  it('takes any stop signal, and listens for none once one came', () => {
    expect(listenersOf()).toEqual(before.map((n) => n + 1));
    process.emit('SIGHUP', 'SIGHUP');
    expect(stop.stopping).toBe(true);
    expect(listenersOf()).toEqual(before);
  });

  it('listens for nothing until told to (a signal during start-up is left to Node and Nest)', () => {
    const idle = new StopSignal();
    expect(listenersOf()).toEqual(before.map((n) => n + 1));
    process.emit('SIGINT', 'SIGINT');
    expect(idle.stopping).toBe(false);
  });

  it('leaves no listener behind when the app closes without a signal', () => {
    stop.onApplicationShutdown();
    expect(listenersOf()).toEqual(before);
    expect(stop.stopping).toBe(false);
  });
});
