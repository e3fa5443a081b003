import type { OpenAPIObject } from '@nestjs/swagger';
import { validationJsonSchemas } from '@trialstream/contracts';

type Schema = { properties?: Record<string, unknown>; required?: string[] };

/**
 * Swagger knows only the fields marked with @ApiProperty; request bodies that are contract classes
 * (screening data, protocol drafts) carry class-validator rules instead. Those rules become the
 * schemas here, so /docs describes exactly what the validation pipe enforces.
 */
export function withValidationSchemas(document: OpenAPIObject): OpenAPIObject {
  const schemas = { ...(document.components?.schemas ?? {}) } as Record<string, Schema>;
  for (const [name, derived] of Object.entries(validationJsonSchemas('#/components/schemas/')) as [string, Schema][]) {
    const documented = schemas[name];
    schemas[name] = documented
      ? {
          ...derived,
          ...documented,
          properties: { ...derived.properties, ...documented.properties },
          required: [...new Set([...(derived.required ?? []), ...(documented.required ?? [])])],
        }
      : derived;
  }
  return { ...document, components: { ...document.components, schemas: schemas as never } };
}
