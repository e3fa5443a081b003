import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { runWithCorrelation } from '../context/correlation';

export const CORRELATION_HEADER = 'x-correlation-id';

/** Takes the caller's correlation id (or makes one), echoes it back, and scopes the request to it. */
export function correlationMiddleware(req: Request, res: Response, next: NextFunction): void {
  const given = req.header(CORRELATION_HEADER);
  const correlationId = given && given.length <= 128 ? given : randomUUID();
  res.setHeader(CORRELATION_HEADER, correlationId);
  runWithCorrelation({ correlationId }, next);
}
