import type { OpenAPIObject } from '@nestjs/swagger';
import { mapSubschemas, validationJsonSchemas, withResolvableRefs, type JsonSchema } from '@trialstream/contracts';

type Schema = { properties?: Record<string, unknown>; required?: string[] };

const REF_PREFIX = '#/components/schemas/';

/**
 * Swagger knows only the fields marked with @ApiProperty; request bodies that are contract classes
 * (screening data, protocol drafts) carry class-validator rules instead. Those rules become the
 * schemas here, so /docs describes exactly what the validation pipe enforces.
 */
export function withValidationSchemas(document: OpenAPIObject): OpenAPIObject {
  const schemas = { ...(document.components?.schemas ?? {}) } as Record<string, Schema>;
  for (const [name, derived] of Object.entries(validationJsonSchemas(REF_PREFIX)) as [string, Schema][]) {
    const documented = schemas[name];
    schemas[name] = documented ? merged(derived, documented) : derived;
  }
  const resolved = withResolvableRefs(schemas as Record<string, JsonSchema>, REF_PREFIX);
  const openApiSchemas = Object.fromEntries(Object.entries(resolved).map(([name, schema]) => [name, toOpenApi30(schema)]));
  return { ...document, components: { ...document.components, schemas: openApiSchemas as never } };
}

/**
 * A property keeps its validation rules and gains what @ApiProperty adds (description, example);
 * whether it is required is @ApiProperty's word where it speaks (a rule such as "this or that"
 * may not be expressible as required).
 */
function merged(derived: Schema, documented: Schema): Schema {
  const documentedNames = Object.keys(documented.properties ?? {});
  const properties = { ...derived.properties };
  for (const [name, property] of Object.entries(documented.properties ?? {})) properties[name] = { ...(properties[name] as object), ...(property as object) };
  const required = [...new Set([...(derived.required ?? []).filter((n) => !documentedNames.includes(n)), ...(documented.required ?? [])])];
  const { required: _derived, ...schema } = { ...derived, ...documented, properties };
  // OpenAPI 3.0 wants a required list to name at least one property.
  return required.length > 0 ? { ...schema, required } : schema;
}

/**
 * The derived schemas are JSON Schema (draft 7), as AsyncAPI wants; OpenAPI 3.0, which Swagger
 * emits, spells a few keywords the draft-4 way: exclusive bounds are booleans beside the bound,
 * and there is no `const`.
 */
export function toOpenApi30(schema: JsonSchema): JsonSchema {
  const { exclusiveMinimum, exclusiveMaximum, const: constant, ...rest } = mapSubschemas(schema, toOpenApi30);
  if (typeof exclusiveMinimum === 'number') Object.assign(rest, { minimum: exclusiveMinimum, exclusiveMinimum: true });
  else if (exclusiveMinimum !== undefined) rest.exclusiveMinimum = exclusiveMinimum;
  if (typeof exclusiveMaximum === 'number') Object.assign(rest, { maximum: exclusiveMaximum, exclusiveMaximum: true });
  else if (exclusiveMaximum !== undefined) rest.exclusiveMaximum = exclusiveMaximum;
  if (constant !== undefined) rest.enum = [constant];
  return rest;
}
