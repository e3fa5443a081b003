import type { OpenAPIObject } from '@nestjs/swagger';
import { previewOpenApiDocument } from '@trialstream/platform';
import { openApiProblems, openApiTypes, typeErrors } from '@trialstream/testing';
import { EnrollmentModule } from './app.module';

// Code a sponsor would write against types generated from /docs-json; the expected errors prove the types are not `any`.
const CLIENT = `
import type { components, paths } from './api';
type Screening = paths['/trials/{trialId}/screenings']['post']['requestBody']['content']['application/json'];
export const screening: Screening = {
  subjectId: 'S-100', siteId: 'BJ-01', ageAtBaseline: 42, sex: 'FEMALE', baselineDate: '2015-06-01', baselinePasi: 14.2, baselineDlqi: 12, bodyWeightKg: 64,
  pasiComponents: [{ region: 'TRUNK', erythema: 1, induration: 1, desquamation: 1, area: 2 }],
  priorTherapies: [{ kind: 'SYSTEMIC', name: 'methotrexate', lastDoseDate: '2015-04-01' }],
  testResults: [{ test: 'HBV', result: 'NEGATIVE', date: '2015-05-28' }],
  exclusionAnswers: [{ criterionId: 'EX-PREGNANCY', present: false }],
};
export const withdrawal: components['schemas']['WithdrawRequest'] = { withdrawnBy: 'SUBJECT', reason: 'moved away', withdrawalDate: '2015-06-20' };
// @ts-expect-error a PASI region is one of four
export const face: NonNullable<Screening['pasiComponents']>[number] = { region: 'FACE', erythema: 1, induration: 1, desquamation: 1, area: 2 };
// @ts-expect-error the body weight is required
export const noWeight: Screening = { ...screening, bodyWeightKg: undefined };
`;

describe('the enrollment OpenAPI document (/docs-json)', () => {
  let document: OpenAPIObject;
  beforeAll(async () => {
    document = await previewOpenApiDocument(EnrollmentModule, { service: 'enrollment', title: 'Trialstream enrollment', description: 'test' });
  });

  it('is valid for @apidevtools/swagger-parser', async () => {
    expect(await openApiProblems(document)).toEqual([]);
  });

  // A TypeScript compile in the test: seconds on a loaded two-core machine.
  it('gives clients types (openapi-typescript) that compile', async () => {
    expect(await typeErrors({ 'api.ts': await openApiTypes(document), 'client.ts': CLIENT })).toEqual([]);
  }, 60_000);
});
