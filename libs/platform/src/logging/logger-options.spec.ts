import { Logger, PinoLogger } from 'nestjs-pino';
import pino from 'pino';
import { runWithCorrelation } from '../context/correlation';
import { loggerOptions, loggerParams, pinoLevel, REDACTED } from './logger-options';

type Line = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function capture(level = 'log') {
  const lines: Line[] = [];
  const logger = pino(loggerOptions('safety', level), { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe('logger options', () => {
  it('maps Nest level names to pino ones', () => {
    expect(['fatal', 'error', 'warn', 'log', 'debug', 'verbose'].map(pinoLevel)).toEqual(['fatal', 'error', 'warn', 'info', 'debug', 'trace']);
    expect([undefined, 'loud', 'toString'].map(pinoLevel)).toEqual(['info', 'info', 'info']);
  });

  it('writes the service, level name, ISO time and message, at or above LOG_LEVEL', () => {
    const { logger, lines } = capture('log');
    logger.debug('hidden');
    logger.info('shown');
    expect(lines).toEqual([{ level: 'info', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), service: 'safety', message: 'shown' }]);

    const verbose = capture('verbose');
    verbose.logger.trace('shown too');
    expect(verbose.lines[0]).toMatchObject({ level: 'trace', message: 'shown too' });
  });

  it('adds the correlation id of the work in hand', () => {
    const { logger, lines } = capture();
    runWithCorrelation({ correlationId: 'abc' }, () => logger.info('inside'));
    logger.info('outside');
    expect(lines[0].correlationId).toBe('abc');
    expect(lines[1]).not.toHaveProperty('correlationId');
  });

  it('redacts secret-named keys at any depth, URL passwords, auth headers and errors', () => {
    const { logger, lines } = capture();
    const fields = { message: 'connecting', password: 'p1', nested: { apiToken: 't1', list: [{ clientSecret: 's1' }] }, url: 'postgres://app:hunter2@db:5432/x' };
    logger.info(fields);
    logger.info('using postgresql://app:hunter2@db/x and http://example.org/a:b@c');
    logger.child({ req: { headers: { authorization: 'Bearer t2', cookie: 'sid=1', accept: 'json' } } }).info('request');
    logger.error({ err: new Error('cannot reach postgres://app:hunter2@db/x') });
    logger.error(new Error('cannot reach postgres://app:hunter2@db/x'));

    expect(lines[0]).toMatchObject({ password: REDACTED, nested: { apiToken: REDACTED, list: [{ clientSecret: REDACTED }] }, url: `postgres://app:${REDACTED}@db:5432/x` });
    expect(fields.password).toBe('p1'); // the caller's object is left alone
    expect(lines[1].message).toBe(`using postgresql://app:${REDACTED}@db/x and http://example.org/a:b@c`);
    expect(lines[2].req.headers).toEqual({ authorization: REDACTED, cookie: REDACTED, accept: 'json' });
    for (const line of lines.slice(3)) {
      expect(line).toMatchObject({ message: `cannot reach postgres://app:${REDACTED}@db/x`, err: { type: 'Error', message: `cannot reach postgres://app:${REDACTED}@db/x` } });
    }
    expect(JSON.stringify(lines)).not.toContain('hunter2');
  });

  it('puts the fields of a structured Nest log call at the top level, with its context', () => {
    const lines: Line[] = [];
    const logger = new Logger(new PinoLogger(loggerParams('safety', 'log', { write: (line: string) => lines.push(JSON.parse(line)) })), {});
    logger.warn({ message: 'handler failed; retrying', eventId: 'e-1', attempt: 2 }, 'EventProcessor');
    logger.error('boom', 'Error: boom\n    at somewhere', 'ExceptionsHandler');
    expect(lines[0]).toMatchObject({ level: 'warn', service: 'safety', context: 'EventProcessor', message: 'handler failed; retrying', eventId: 'e-1', attempt: 2 });
    expect(lines[1]).toMatchObject({ level: 'error', context: 'ExceptionsHandler', err: { message: 'boom' } });
  });
});
