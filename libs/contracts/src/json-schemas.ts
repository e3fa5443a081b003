import type { defaultMetadataStorage as MetadataStorage } from 'class-transformer/types/storage';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';

// class-transformer keeps its metadata storage (needed for nested types) out of its public entry.
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: typeof MetadataStorage };

/**
 * JSON schemas of every class-validator class loaded (contract payloads, request bodies), derived
 * from their validation rules: the documentation says what the validator enforces.
 */
export function validationJsonSchemas(refPointerPrefix: string): ReturnType<typeof validationMetadatasToSchemas> {
  return validationMetadatasToSchemas({ classTransformerMetadataStorage: defaultMetadataStorage, refPointerPrefix });
}
