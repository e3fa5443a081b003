import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { instantiateQuickly } from './quick-instance';
import { passesQuickly } from './quick-validation';
import { cacheValidationMetadata } from './validation-metadata-cache';

cacheValidationMetadata();

/** One broken rule: the field's path, the rule's name and a readable message. */
export interface RuleViolation {
  field: string;
  rule: string;
  message: string;
}

/**
 * How unknown fields are treated: `refuse` them (what a producer writes, and requests: a typo is
 * reported rather than dropped), `drop` them (a consumer reading an event whose newer minor version
 * added fields: the tolerant reader), or `keep` them (a document kept verbatim from another system).
 */
export type UnknownFields = 'refuse' | 'drop' | 'keep';

/** Validates a plain object against a class-validator class. */
export function validatePlain<T extends object>(
  cls: new () => T,
  plain: unknown,
  pathPrefix = '',
  { unknownFields = 'refuse' as UnknownFields } = {},
): { value: T; violations: RuleViolation[] } {
  const value = instantiateQuickly(cls, plain ?? {}) ?? (plainToInstance(cls, plain ?? {}) as T);
  if (passesQuickly(value, unknownFields !== 'keep')) return { value, violations: [] };
  const errors = validateSync(value, {
    whitelist: unknownFields !== 'keep',
    forbidNonWhitelisted: unknownFields === 'refuse',
    forbidUnknownValues: true,
  });
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

/**
 * Work that cannot be done yet because an event it depends on has not arrived (a subject's
 * enrollment before the trial's protocol). Unlike other broken rules it may pass later: a consumer
 * parks the message and retries it; over HTTP it is a conflict.
 */
export class PrerequisiteMissingError extends RuleViolationError {
  constructor(field: string, rule: string, message: string) {
    super([{ field, rule, message }], 'conflict');
    this.name = 'PrerequisiteMissingError';
  }
}
