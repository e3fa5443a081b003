import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { STOP_SIGNALS } from './shutdown-limit';

/**
 * Node's `server.close()`, the last step of Nest's stop, ends only the connections idle at that
 * moment and waits for the others; a keep-alive client that sends its next request sooner than the
 * keep-alive timeout (a dashboard reconnecting its alert stream) never leaves one idle, and the stop
 * runs into its limit. From the first stop signal on, every answer says `Connection: close`, so
 * each connection ends after the request in hand: requests in flight are answered, not cut off.
 */
export function closeConnectionsOnStop(app: INestApplication): void {
  let stopping = false;
  const markStopping = () => {
    stopping = true;
    for (const signal of STOP_SIGNALS) process.removeListener(signal, markStopping);
  };
  for (const signal of STOP_SIGNALS) process.on(signal, markStopping);
  app.use((_req: Request, res: Response, next: NextFunction) => {
    if (stopping) res.setHeader('connection', 'close');
    next();
  });
}
