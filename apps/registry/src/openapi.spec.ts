import type { OpenAPIObject } from '@nestjs/swagger';
import { previewOpenApiDocument } from '@trialstream/platform';
import { openApiProblems, openApiTypes, typeErrors } from '@trialstream/testing';
import { RegistryModule } from './app.module';

// Code a sponsor would write against types generated from /docs-json; the expected errors prove the types are not `any`.
const CLIENT = `
import type { components, paths } from './api';
type Protocol = components['schemas']['PublishProtocolRequest'];
type StatusChange = paths['/trials/{trialId}/status']['post']['requestBody']['content']['application/json'];
export const followUp: Protocol['followUp'] = { durationDays: 365, visitDays: [30, 91, 182], windowDays: 7 };
export const change: StatusChange = { status: 'RECRUITING', reason: 'ethics approval received' };
// @ts-expect-error visit days are numbers
export const textDays: Protocol['followUp'] = { durationDays: 365, visitDays: ['30'], windowDays: 7 };
// @ts-expect-error not a ClinicalTrials.gov status
export const unknownStatus: StatusChange = { status: 'OPEN', reason: 'x' };
`;

describe('the registry OpenAPI document (/docs-json)', () => {
  let document: OpenAPIObject;
  beforeAll(async () => {
    document = await previewOpenApiDocument(RegistryModule, { service: 'registry', title: 'Trialstream registry', description: 'test' });
  });

  it('is valid for @apidevtools/swagger-parser', async () => {
    expect(await openApiProblems(document)).toEqual([]);
  });

  // A TypeScript compile in the test: seconds on a loaded two-core machine.
  it('gives clients types (openapi-typescript) that compile', async () => {
    expect(await typeErrors({ 'api.ts': await openApiTypes(document), 'client.ts': CLIENT })).toEqual([]);
  }, 60_000);
});
