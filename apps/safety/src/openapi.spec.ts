import type { OpenAPIObject } from '@nestjs/swagger';
import { previewOpenApiDocument } from '@trialstream/platform';
import { openApiProblems, openApiTypes, typeErrors } from '@trialstream/testing';
import { SafetyModule } from './app.module';

// Code a sponsor would write against types generated from /docs-json; the expected errors prove the types are not `any`.
const CLIENT = `
import type { paths } from './api';
type Policy = paths['/trials/{trialId}/safety-policy']['get']['parameters']['path'];
type Replay = paths['/operations/dead-letters/replay']['post']['parameters']['query'];
type CaseFilter = NonNullable<paths['/trials/{trialId}/cases']['get']['parameters']['query']>;
type Report = paths['/trials/{trialId}/adverse-event-reports']['post']['requestBody']['content']['application/json'];
type Lift = paths['/trials/{trialId}/dosing-holds/{holdId}/lift']['post']['requestBody']['content']['application/json'];
type Subscribe = paths['/alert-subscriptions']['post']['requestBody']['content']['application/json'];
export const policy: Policy = { trialId: 'NCT02491658' };
export const replay: Replay = { kind: 'HANDLER_FAILED' };
export const susars: CaseFilter = { susar: true, openClock: true, limit: 20 };
export const grade: Report['ctcaeGrade'] = 3;
export const lift: Lift = { reason: 'DSMB review done' };
export const subscribe: Subscribe = { url: 'https://pv.example.org/hooks', description: 'PV system', minimumSeverity: 'HIGH' };
// @ts-expect-error severities are the alerts' own
export const lowSeverity: Subscribe = { url: 'https://pv.example.org/hooks', description: 'PV system', minimumSeverity: 'LOW' };
// @ts-expect-error the trial is part of the path
export const noTrial: Policy = {};
// @ts-expect-error the kind is a name
export const numericKind: Replay = { kind: 3 };
// @ts-expect-error seriousness criteria are named
export const seriousness: Report['seriousness'] = ['SEVERE'];
// @ts-expect-error who lifts it is the caller's token, not the body
export const namedLift: Lift = { reason: 'DSMB review done', liftedBy: 'DSMB chair' };
`;

describe('the safety OpenAPI document (/docs-json)', () => {
  let document: OpenAPIObject;
  beforeAll(async () => {
    document = await previewOpenApiDocument(SafetyModule, { service: 'safety', title: 'Trialstream safety', description: 'test' });
  });

  it('is valid for @apidevtools/swagger-parser', async () => {
    expect(await openApiProblems(document)).toEqual([]);
  });

  // A TypeScript compile in the test: seconds on a loaded two-core machine.
  it('gives clients types (openapi-typescript) that compile', async () => {
    expect(await typeErrors({ 'api.ts': await openApiTypes(document), 'client.ts': CLIENT })).toEqual([]);
  }, 60_000);
});
