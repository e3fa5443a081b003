import type { defaultMetadataStorage as MetadataStorage } from 'class-transformer/types/storage';
import { ValidationTypes } from 'class-validator';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';

// class-transformer keeps its metadata storage (needed for nested types) out of its public entry.
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: typeof MetadataStorage };

/** The part of class-validator's metadata of one rule on one property that the converters read. */
interface PropertyRule {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  target: Function | string;
  propertyName: string;
  each?: boolean;
}

/** A JSON schema as plain data. */
export type JsonSchema = { [keyword: string]: unknown };

/**
 * JSON schemas of every class-validator class loaded (contract payloads, request bodies), derived
 * from their validation rules: the documentation says what the validator enforces. Every `$ref`
 * names a schema of the set, so the official AsyncAPI and OpenAPI parsers accept them.
 */
export function validationJsonSchemas(refPointerPrefix: string): Record<string, JsonSchema> {
  const schemas = validationMetadatasToSchemas({
    classTransformerMetadataStorage: defaultMetadataStorage,
    refPointerPrefix,
    additionalConverters: {
      // The library's defaults turn the property's design type into a $ref, so a custom rule on an
      // array gave "$ref: Array" and ValidateNested on an array a bare object ref.
      [ValidationTypes.CUSTOM_VALIDATION]: (meta) => (meta.each ? {} : typeSchema(designType(meta), refPointerPrefix)),
      [ValidationTypes.NESTED_VALIDATION]: (meta) => nestedSchema(meta, refPointerPrefix),
      // "Present" is said by the required list; the default `not: {type: null}` beside a $ref is ignored by parsers, and not OpenAPI 3.0.
      [ValidationTypes.IS_DEFINED]: {},
      // The contracts' own date rules (dates.ts), in the formats of the same meaning.
      isCalendarDate: { type: 'string', format: 'date' },
      isInstant: { type: 'string', format: 'date-time' },
    },
  }) as Record<string, JsonSchema>;
  return withResolvableRefs(schemas, refPointerPrefix);
}

/**
 * Makes every `$ref` of a schema set valid: one to a class without validation rules (not in the
 * set) becomes "any object", and one with sibling keywords (which JSON Schema draft 7 and
 * OpenAPI 3.0 ignore) moves into an allOf so the siblings apply.
 */
export function withResolvableRefs(schemas: Record<string, JsonSchema>, refPointerPrefix: string): Record<string, JsonSchema> {
  const fix = (schema: JsonSchema): JsonSchema => {
    const { $ref, ...rest } = mapSubschemas(schema, fix);
    if (typeof $ref !== 'string') return rest;
    const known = !$ref.startsWith(refPointerPrefix) || $ref.slice(refPointerPrefix.length) in schemas;
    if (!known) return { type: 'object', ...rest };
    return Object.keys(rest).length === 0 ? { $ref } : { allOf: [{ $ref }], ...rest };
  };
  return Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, fix(schema)]));
}

/** The schema with `map` applied to each direct subschema (not to property names, examples or defaults). */
export function mapSubschemas(schema: JsonSchema, map: (subschema: JsonSchema) => JsonSchema): JsonSchema {
  const isSchema = (value: unknown): value is JsonSchema => !!value && typeof value === 'object' && !Array.isArray(value);
  const each = (value: unknown) => (isSchema(value) ? map(value) : value);
  const copy: JsonSchema = { ...schema };
  for (const keyword of ['items', 'additionalProperties', 'not']) if (keyword in copy) copy[keyword] = each(copy[keyword]);
  for (const keyword of ['allOf', 'anyOf', 'oneOf']) if (Array.isArray(copy[keyword])) copy[keyword] = (copy[keyword] as unknown[]).map(each);
  if (isSchema(copy.properties)) copy.properties = Object.fromEntries(Object.entries(copy.properties).map(([name, value]) => [name, each(value)]));
  return copy;
}

function designType(meta: PropertyRule): unknown {
  return typeof meta.target === 'function' ? Reflect.getMetadata('design:type', meta.target.prototype, meta.propertyName) : undefined;
}

/** ValidateNested checks each element of an array, with or without `each`; @Type names the element class. */
function nestedSchema(meta: PropertyRule, refPointerPrefix: string): JsonSchema {
  const declared = designType(meta);
  const typeFunction = typeof meta.target === 'function' ? defaultMetadataStorage.findTypeMetadata(meta.target, meta.propertyName)?.typeFunction : undefined;
  const element = typeFunction ? typeSchema(typeFunction(), refPointerPrefix) : declared === Array ? {} : typeSchema(declared, refPointerPrefix);
  const object = Object.keys(element).length === 0 ? { type: 'object' } : element;
  return declared === Array && !meta.each ? { type: 'array', items: object } : object;
}

/** What a property's TypeScript type says about its JSON form; nothing for unions and unknowns (emitted as Object). */
function typeSchema(type: unknown, refPointerPrefix: string): JsonSchema {
  if (type === String || type === Symbol) return { type: 'string' };
  if (type === Number) return { type: 'number' };
  if (type === Boolean) return { type: 'boolean' };
  if (type === Date) return { type: 'string', format: 'date-time' };
  if (type === Array) return { type: 'array' };
  if (typeof type === 'function' && type !== Object && type !== Function && type.name) return { $ref: `${refPointerPrefix}${type.name}` };
  return {};
}
