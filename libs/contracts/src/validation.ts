import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';

/** One broken rule: the field's path, the rule's name and a readable message. */
export interface RuleViolation {
  field: string;
  rule: string;
  message: string;
}

/**
 * Validates a plain object against a class-validator class. Unknown fields are rejected so that a
 * typo in a sponsor's payload is reported rather than silently dropped; a document kept verbatim
 * from another system (a registry record) may allow them.
 */
export function validatePlain<T extends object>(
  cls: new () => T,
  plain: unknown,
  pathPrefix = '',
  { allowUnknownFields = false } = {},
): { value: T; violations: RuleViolation[] } {
  const value = plainToInstance(cls, plain ?? {}) as T;
  const errors = validateSync(value, { whitelist: !allowUnknownFields, forbidNonWhitelisted: !allowUnknownFields, forbidUnknownValues: true });
  return { value, violations: toViolations(errors, pathPrefix) };
}

/** Flattens class-validator's nested errors into one violation per broken rule, with dotted paths. */
export function toViolations(errors: ValidationError[], prefix = ''): RuleViolation[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      field,
      rule: rule === 'whitelistValidation' ? 'unknownField' : rule,
      message: rule === 'whitelistValidation' ? `${field} is not a known field` : message,
    }));
    return [...own, ...toViolations(error.children ?? [], field)];
  });
}

export function describeViolations(violations: RuleViolation[]): string {
  return violations.map((v) => `${v.field}: ${v.message} [${v.rule}]`).join('; ');
}

/**
 * A request that breaks a rule: invalid input (a field and the rule it breaks) or a conflict with
 * the current state. Domain code throws it; the HTTP layer answers 400 or 409 with the violations.
 */
export class RuleViolationError extends Error {
  constructor(
    readonly violations: RuleViolation[],
    readonly kind: 'invalid' | 'conflict' = 'invalid',
  ) {
    super(describeViolations(violations));
  }

  static of(field: string, rule: string, message: string, kind: 'invalid' | 'conflict' = 'invalid'): RuleViolationError {
    return new RuleViolationError([{ field, rule, message }], kind);
  }
}
