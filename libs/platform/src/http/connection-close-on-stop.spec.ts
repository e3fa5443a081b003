import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { closeConnectionsOnStop } from './connection-close-on-stop';
import { STOP_SIGNALS } from './shutdown-limit';

describe('connections on a stop', () => {
  const listenersOf = () => STOP_SIGNALS.map((signal) => process.listeners(signal));
  let before: ReturnType<typeof listenersOf>;

  beforeEach(() => (before = listenersOf()));
  afterEach(() => STOP_SIGNALS.forEach((signal, i) => process.listeners(signal).filter((l) => !before[i].includes(l)).forEach((l) => process.removeListener(signal, l))));

  /** The middleware the service installs, and the Connection header it leaves on an answer. */
  function installed() {
    let middleware: (req: Request, res: Response, next: NextFunction) => void = () => undefined;
    closeConnectionsOnStop({ use: (m: typeof middleware) => (middleware = m) } as unknown as INestApplication);
    return () => {
      const headers: Record<string, string> = {};
      const next = jest.fn();
      middleware({} as Request, { setHeader: (name: string, value: string) => (headers[name] = value) } as unknown as Response, next);
      expect(next).toHaveBeenCalled();
      return headers.connection;
    };
  }

  it('keeps connections alive until a stop signal, then closes each after its answer', () => {
    const answer = installed();
    expect(answer()).toBeUndefined();
    process.emit('SIGTERM', 'SIGTERM');
    expect(answer()).toBe('close');
    expect(answer()).toBe('close');
  });

  it('takes any stop signal, and listens for none once one came', () => {
    const answer = installed();
    process.emit('SIGINT', 'SIGINT');
    expect(answer()).toBe('close');
    expect(listenersOf().map((l) => l.length)).toEqual(before.map((l) => l.length));
  });
});
