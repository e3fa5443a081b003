import type { LoggerService, LogLevel } from '@nestjs/common';
import { currentCorrelation } from '../context/correlation';

const LEVELS: LogLevel[] = ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'];

/** One JSON object per line on stdout, with the service name and the current correlation id. */
export class JsonLogger implements LoggerService {
  private readonly minimum: number;

  constructor(
    private readonly service: string,
    level: LogLevel = 'log',
  ) {
    this.minimum = LEVELS.indexOf(level);
  }

  log(message: unknown, ...rest: unknown[]) { this.write('log', message, rest); }
  error(message: unknown, ...rest: unknown[]) { this.write('error', message, rest); }
  warn(message: unknown, ...rest: unknown[]) { this.write('warn', message, rest); }
  debug(message: unknown, ...rest: unknown[]) { this.write('debug', message, rest); }
  verbose(message: unknown, ...rest: unknown[]) { this.write('verbose', message, rest); }
  fatal(message: unknown, ...rest: unknown[]) { this.write('fatal', message, rest); }

  private write(level: LogLevel, message: unknown, rest: unknown[]) {
    if (LEVELS.indexOf(level) < this.minimum) return;
    // Nest passes the context name last, and for errors a stack trace before it.
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const stack = typeof rest[0] === 'string' ? rest[0] : undefined;
    const fields =
      message instanceof Error
        ? { message: message.message, error: message.name, stack: message.stack }
        : typeof message === 'object' && message !== null
          ? message
          : { message };
    const line = {
      time: new Date().toISOString(),
      level,
      service: this.service,
      context,
      correlationId: currentCorrelation()?.correlationId,
      ...fields,
      ...(stack ? { stack } : {}),
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
}
