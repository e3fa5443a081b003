import type { OpenAPIObject } from '@nestjs/swagger';
import { previewOpenApiDocument } from '@trialstream/platform';
import { openApiProblems, openApiTypes, typeErrors } from '@trialstream/testing';
import { InfusionTrackingModule } from './app.module';

// Code a sponsor would write against types generated from /docs-json; the expected errors prove the types are not `any`.
const CLIENT = `
import type { paths } from './api';
type Visits = paths['/trials/{trialId}/subjects/{subjectId}/visits']['get']['parameters']['path'];
type Advance = paths['/operations/clock/advance']['post']['requestBody']['content']['application/json'];
type Infusion = paths['/trials/{trialId}/subjects/{subjectId}/infusions']['post']['requestBody']['content']['application/json'];
export const visits: Visits = { trialId: 'NCT02491658', subjectId: 'S-100' };
export const advance: Advance = { days: 7 };
const vitals = { systolicMmHg: 118, diastolicMmHg: 76, heartRateBpm: 72, temperatureCelsius: 36.7 };
export const infusion: Infusion = {
  infusionNumber: 1, administeredAt: '2015-06-08T09:00:00+08:00', bodyWeightKg: 64, cellsGiven: 64000000, productLot: 'L-1',
  viabilityPercent: 92.5, durationMinutes: 35, vitalSignsBefore: vitals, vitalSignsAfter: vitals,
};
// @ts-expect-error the cells given are a number
export const textCells: Infusion = { ...infusion, cellsGiven: '64000000' };
type Assessment = paths['/trials/{trialId}/subjects/{subjectId}/assessments']['post']['requestBody']['content']['application/json'];
type FollowUpVisit = paths['/trials/{trialId}/subjects/{subjectId}/follow-up-visits']['post']['requestBody']['content']['application/json'];
export const assessment: Assessment = { timepoint: 'AFTER_INFUSION', visitNumber: 6, assessedOn: '2015-07-30', pasi: { total: 3.5 }, dlqi: { answers: [{ item: 1, score: 2 }] } };
export const followUpVisit: FollowUpVisit = { visitNumber: 1, visitDate: '2015-08-26' };
// @ts-expect-error an assessment is after an infusion or at a follow-up visit
export const week12: Assessment = { timepoint: 'WEEK_12', visitNumber: 1, assessedOn: '2015-07-30' };
// @ts-expect-error the subject is part of the path
export const noSubject: Visits = { trialId: 'NCT02491658' };
// @ts-expect-error days are a number
export const textDays: Advance = { days: 'seven' };
`;

describe('the infusion-tracking OpenAPI document (/docs-json)', () => {
  let document: OpenAPIObject;
  beforeAll(async () => {
    document = await previewOpenApiDocument(InfusionTrackingModule, { service: 'infusion-tracking', title: 'Trialstream infusion tracking', description: 'test' });
  });

  it('is valid for @apidevtools/swagger-parser', async () => {
    expect(await openApiProblems(document)).toEqual([]);
  });

  // A TypeScript compile in the test: seconds on a loaded two-core machine.
  it('gives clients types (openapi-typescript) that compile', async () => {
    expect(await typeErrors({ 'api.ts': await openApiTypes(document), 'client.ts': CLIENT })).toEqual([]);
  }, 60_000);
});
