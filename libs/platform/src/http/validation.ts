import { BadRequestException, ValidationPipe } from '@nestjs/common';
import { describeViolations, toViolations } from '@trialstream/contracts';

/** Rejects a request body naming every broken field and rule; unknown fields are refused too. */
export function requestValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const violations = toViolations(errors);
      return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: describeViolations(violations), violations });
    },
  });
}
