import type { OpenAPIObject } from '@nestjs/swagger';
import { withValidationSchemas } from './openapi';

describe('withValidationSchemas', () => {
  const document: OpenAPIObject = {
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    paths: {},
    components: {
      schemas: {
        // What Swagger makes of a class without @ApiProperty, and one that has some.
        ScreeningData: { type: 'object', properties: {} },
        ConsentLike: { type: 'object', properties: { consentVersion: { type: 'string', example: '1.0' } }, required: ['consentVersion'] },
      },
    },
  };

  it('describes a contract class by its validation rules', () => {
    const schema = withValidationSchemas(document).components!.schemas!.ScreeningData as { properties: Record<string, object>; required: string[] };
    expect(schema.properties.baselinePasi).toMatchObject({ type: 'number', minimum: 0, maximum: 72 });
    expect(schema.properties.pasiComponents).toMatchObject({ items: { $ref: '#/components/schemas/PasiRegionScore' } });
    expect(schema.required).toEqual(expect.arrayContaining(['subjectId', 'baselinePasi', 'bodyWeightKg']));
    expect(schema.required).not.toContain('yearOfBirth');
  });

  it('keeps what @ApiProperty documented and leaves other schemas alone', () => {
    const schemas = withValidationSchemas(document).components!.schemas!;
    expect(schemas.ConsentLike).toEqual(document.components!.schemas!.ConsentLike);
    expect(schemas).toHaveProperty('PasiRegionScore');
  });
});
