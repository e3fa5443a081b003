import { BadRequestException, type PipeTransform, type ArgumentMetadata } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/** Larger than any ClinicalTrials.gov record or protocol the platform takes, small enough to refuse floods. */
export const BODY_LIMIT = '1mb';
/** Deeper than any request the APIs describe: deeper bodies are refused before validation walks them. */
export const MAX_BODY_DEPTH = 32;

/**
 * Request bodies are JSON of at most BODY_LIMIT (413 beyond; malformed JSON is a 400 from the
 * parser); a body of another media type is a 415 before anything reads it.
 */
export function configureRequestBodies(app: NestExpressApplication): void {
  app.use(jsonBodiesOnly);
  app.useBodyParser('json', { limit: BODY_LIMIT });
}

function jsonBodiesOnly(req: Request, res: Response, next: NextFunction): void {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (!hasBody || req.is('application/json')) return next();
  res.status(415).json({ statusCode: 415, error: 'Unsupported Media Type', message: 'request bodies are JSON: send them with content-type application/json' });
}

/** Refuses a body nested deeper than MAX_BODY_DEPTH, naming the limit. */
export class BodyDepthPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'body' && depthOf(value) > MAX_BODY_DEPTH) {
      throw new BadRequestException(`the request body nests objects or arrays deeper than ${MAX_BODY_DEPTH} levels [maxDepth]`);
    }
    return value;
  }
}

/** Stops counting just past the limit, so a hostile body costs no more than a legal one. */
export function depthOf(value: unknown, limit = MAX_BODY_DEPTH + 1): number {
  if (typeof value !== 'object' || value === null) return 0;
  if (limit === 0) return 1;
  let deepest = 0;
  for (const child of Object.values(value)) deepest = Math.max(deepest, depthOf(child, limit - 1));
  return deepest + 1;
}
