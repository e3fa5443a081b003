import { randomUUID } from 'node:crypto';
import type { LogLevel } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import pino, { type DestinationStream, type Level } from 'pino';
import type { Options } from 'pino-http';
import { currentCorrelation } from '../context/correlation';

export const REDACTED = '[REDACTED]';

const PINO_LEVELS: Record<LogLevel, Level> = { fatal: 'fatal', error: 'error', warn: 'warn', log: 'info', debug: 'debug', verbose: 'trace' };
const SECRET_KEY = /password|secret|token|authorization|cookie/i;
/** The password of a `scheme://user:password@host` string. */
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/?#@]*:)[^\s/?#@]*@/gi;

/** Nest's level names (LOG_LEVEL) in pino's; an unknown one is 'info'. */
export function pinoLevel(level: string | undefined): Level {
  return level !== undefined && Object.hasOwn(PINO_LEVELS, level) ? PINO_LEVELS[level as LogLevel] : 'info';
}

/** A copy with secret-named keys and URL passwords redacted; class instances (requests, errors) are left to serializers. */
function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replace(URL_PASSWORD, `$1${REDACTED}@`);
  if (typeof value !== 'object' || value === null || depth > 8) return value;
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1));
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null ? scrubFields(value, depth) : value;
}

function scrubFields(value: object, depth = 0): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, SECRET_KEY.test(key) ? REDACTED : scrub(field, depth + 1)]));
}

/** pino would fill in a bare error's own message unredacted: hand it the redacted one. */
function withErrorMessage(args: unknown[]): unknown[] {
  const [first, message, ...rest] = args;
  if (message !== undefined || typeof first !== 'object' || first === null) return args;
  const fields = first as { err?: unknown; message?: unknown };
  const error = first instanceof Error ? first : fields.message === undefined ? fields.err : undefined;
  return error instanceof Error ? [first, scrub(error.message), ...rest] : args;
}

/** pino and pino-http options: `service`, ISO time, level names, `message`, the current correlation id, secrets redacted. */
export function loggerOptions(service: string, level: string | undefined): Options {
  return {
    level: pinoLevel(level),
    base: { service },
    messageKey: 'message',
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => {
      const correlationId = currentCorrelation()?.correlationId;
      return correlationId ? { correlationId } : {};
    },
    hooks: {
      logMethod(args, method) {
        method.apply(this, withErrorMessage(args.map((arg) => scrub(arg))) as Parameters<typeof method>);
      },
    },
    serializers: {
      // pino-http hands this an already serialized error; the app logger a raw one.
      err: (error: unknown) => {
        const serialized = error instanceof Error ? pino.stdSerializers.err(error) : error;
        return typeof serialized === 'object' && serialized !== null ? scrubFields(serialized) : serialized;
      },
    },
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'], censor: REDACTED },
    // 'request completed' lines (context HTTP); the correlation middleware runs first, so its id is the request id.
    genReqId: () => currentCorrelation()?.correlationId ?? randomUUID(),
    quietReqLogger: true,
    // Probes and scrapes every few seconds would drown the requests people make.
    autoLogging: { ignore: (req) => ['/health', '/ready', '/metrics'].includes(req.url?.split('?')[0] ?? '') },
    customProps: () => ({ context: 'HTTP' }),
  };
}

/** nestjs-pino parameters; stdout written synchronously, so the last lines before the process exits are not lost. */
export function loggerParams(service: string, level: string | undefined, destination: DestinationStream = pino.destination({ dest: 1, sync: true })): Params {
  return { pinoHttp: [loggerOptions(service, level), destination] };
}
