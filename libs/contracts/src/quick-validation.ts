import { getMetadataStorage, ValidationTypes } from 'class-validator';

/** The parts of class-validator's rule and constraint records this module reads. */
interface Rule {
  type: string;
  propertyName: string;
  target: unknown;
  constraints: unknown[];
  constraintCls: object;
  each?: boolean;
  validateIf?: (object: object, value: unknown) => boolean;
}

interface Constraint {
  async: boolean;
  instance: { validate(value: unknown, args: object): unknown };
}

interface Check {
  rule: Rule;
  constraints: Constraint[];
}

interface PropertyRules {
  name: string;
  conditions: Rule[];
  defined: Check[];
  checks: Check[];
  nested: boolean;
}

interface ClassRules {
  known: Set<string>;
  properties: PropertyRules[];
  /** The class's name, for the constraints' arguments (Function.prototype.name is a slow getter). */
  targetName: string;
}

const HANDLED = new Set<string>([
  ValidationTypes.CUSTOM_VALIDATION, ValidationTypes.NESTED_VALIDATION, ValidationTypes.CONDITIONAL_VALIDATION,
  ValidationTypes.WHITELIST, ValidationTypes.IS_DEFINED,
]);

// By the list class-validator returns for a class (the same list until rules are added, see cacheValidationMetadata).
const rulesByList = new WeakMap<object, ClassRules | null>();

/**
 * Whether class-validator's validateSync, with this project's options (forbidUnknownValues, and
 * whitelist unless unknown fields are kept), would find nothing wrong with an instance and nothing
 * to strip from it. It runs the same constraint objects on the same values in the same order as
 * class-validator, without building an error record per property; `false` only means "ask
 * class-validator", which then gives the violations. Anything it does not cover (async rules,
 * schemas registered by name, sets and maps) answers `false`.
 */
export function passesQuickly(object: object, whitelist: boolean): boolean {
  if (typeof object !== 'object' || object === null) return false;
  const rules = rulesOf(object.constructor);
  if (!rules) return false;
  if (whitelist) {
    for (const key of Object.keys(object)) if (!rules.known.has(key)) return false;
  }
  for (const property of rules.properties) {
    const value = (object as Record<string, unknown>)[property.name];
    // IsOptional and ValidateIf: their condition is the rule's first constraint.
    if (!conditionsHold(property.conditions, object, value)) continue;
    if (!checksPass(object, rules.targetName, value, property.defined) || !checksPass(object, rules.targetName, value, property.checks)) return false;
    if (property.nested && !nestedPasses(value, whitelist)) return false;
  }
  return true;
}

function conditionsHold(conditions: Rule[], object: object, value: unknown): boolean {
  for (const rule of conditions) if (!(rule.constraints[0] as (object: object, value: unknown) => boolean)(object, value)) return false;
  return true;
}

function nestedPasses(value: unknown, whitelist: boolean): boolean {
  if (value === undefined) return true;
  if (Array.isArray(value)) return value.every((item) => nestedPasses(item, whitelist));
  if (value instanceof Set || value instanceof Map) return false;
  return value instanceof Object && passesQuickly(value, whitelist);
}

function checksPass(object: object, targetName: string, value: unknown, checks: Check[]): boolean {
  for (const { rule, constraints } of checks) {
    if (rule.validateIf && !rule.validateIf(object, value)) continue;
    const items = rule.each && (Array.isArray(value) || value instanceof Set || value instanceof Map) ? value : undefined;
    if (items && !Array.isArray(items)) return false;
    for (const constraint of constraints) {
      const args = { targetName, property: rule.propertyName, object, value, constraints: rule.constraints };
      if (!items) {
        if (!passes(constraint.instance.validate(value, args))) return false;
        continue;
      }
      for (const item of items) if (!passes(constraint.instance.validate(item, args))) return false;
    }
  }
  return true;
}

/** A promise would be an async rule's answer: class-validator's to give. */
function passes(valid: unknown): boolean {
  return Boolean(valid) && typeof (valid as { then?: unknown }).then !== 'function';
}

function rulesOf(target: unknown): ClassRules | null {
  if (typeof target !== 'function') return null;
  const storage = getMetadataStorage();
  const list = storage.getTargetValidationMetadatas(target, undefined as unknown as string, false, false) as unknown as Rule[];
  let rules = rulesByList.get(list);
  if (rules === undefined) {
    rules = compile(list, storage, target.name);
    rulesByList.set(list, rules);
  }
  return rules;
}

function compile(list: Rule[], storage: ReturnType<typeof getMetadataStorage>, targetName: string): ClassRules | null {
  // forbidUnknownValues: an object of a class without rules is refused.
  if (list.length === 0 || list.some((rule) => !HANDLED.has(rule.type) || typeof rule.target === 'string')) return null;
  // A constraint's `instance` is a getter that searches class-validator's container, a list of every
  // constraint object of the process (hundreds), on each read: read once here. The default
  // container makes one object per constraint class and keeps it.
  const checkOf = (rule: Rule): Check => ({
    rule,
    constraints: (storage.getTargetValidatorConstraints(rule.constraintCls as never) as unknown as Constraint[]).map((c) => ({ async: c.async, instance: c.instance })),
  });
  const properties = new Map<string, PropertyRules>();
  for (const rule of list) {
    let property = properties.get(rule.propertyName);
    if (!property) properties.set(rule.propertyName, (property = { name: rule.propertyName, conditions: [], defined: [], checks: [], nested: false }));
    if (rule.type === ValidationTypes.CONDITIONAL_VALIDATION) property.conditions.push(rule);
    else if (rule.type === ValidationTypes.IS_DEFINED) property.defined.push(checkOf(rule));
    else if (rule.type === ValidationTypes.CUSTOM_VALIDATION) property.checks.push(checkOf(rule));
    else if (rule.type === ValidationTypes.NESTED_VALIDATION) property.nested = true;
  }
  const all = [...properties.values()];
  if (all.some((p) => [...p.defined, ...p.checks].some((check) => check.constraints.some((c) => c.async)))) return null;
  return { known: new Set(properties.keys()), properties: all, targetName };
}
