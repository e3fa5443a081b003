import type { OpenAPIObject } from '@nestjs/swagger';
import { openApiProblems } from '@trialstream/testing';
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
        // @ApiPropertyOptional on a field that class-validator would call required.
        FollowUpPlan: { type: 'object', properties: { windowDays: { type: 'integer', description: 'days either side' } } },
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

  it('gives every contract class a schema that @apidevtools/swagger-parser accepts', async () => {
    expect(await openApiProblems(withValidationSchemas(document))).toEqual([]);
  });

  it('says what arrays of primitives, nested objects, enums, dates and bounds are, in OpenAPI 3.0 terms', () => {
    const schemas = withValidationSchemas(document).components!.schemas! as Record<string, { properties: Record<string, object>; required?: string[] }>;
    expect(schemas.FollowUpPlan.properties.visitDays).toEqual({ type: 'array', items: { type: 'integer', minimum: 1 }, minItems: 1 });
    expect(schemas.ProtocolDefinition.properties.infusions).toEqual({ type: 'array', items: { $ref: '#/components/schemas/PlannedInfusion' }, minItems: 1 });
    expect(schemas.ProtocolDefinition.properties.followUp).toEqual({ $ref: '#/components/schemas/FollowUpPlan' });
    expect(schemas.ScreeningData.properties.sex).toEqual({ type: 'string', enum: ['FEMALE', 'MALE'] });
    expect(schemas.ScreeningData.properties.baselineDate).toEqual({ type: 'string', format: 'date' });
    expect(schemas.TrialStatusChangedPayload.properties.changedAt).toEqual({ type: 'string', format: 'date-time' });
    expect(schemas.DosingRule.properties.cellsPerKg).toEqual({ type: 'number', minimum: 0, exclusiveMinimum: true });
  });

  it('keeps validation rules beside @ApiProperty and lets it say what is optional', () => {
    const followUp = withValidationSchemas(document).components!.schemas!.FollowUpPlan as { properties: Record<string, object>; required: string[] };
    expect(followUp.properties.windowDays).toEqual({ type: 'integer', minimum: 0, description: 'days either side' });
    expect(followUp.required).toEqual(['durationDays', 'visitDays']);
  });
});
