import { Catch, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { RuleViolationError } from '@trialstream/contracts';
import type { Response } from 'express';

/** Answers a broken domain rule with 400 (invalid input) or 409 (conflict), naming field and rule. */
@Catch(RuleViolationError)
export class RuleViolationFilter implements ExceptionFilter {
  catch(error: RuleViolationError, host: ArgumentsHost): void {
    const status = error.kind === 'conflict' ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(status)
      .json({ statusCode: status, error: error.kind === 'conflict' ? 'Conflict' : 'Bad Request', message: error.message, violations: error.violations });
  }
}
