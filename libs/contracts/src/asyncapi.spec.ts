import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { asyncApiDocument } from './asyncapi';
import { EVENT_CATALOGUE } from './catalogue';
import { allTopics } from './topics';

describe('AsyncAPI document', () => {
  const document = asyncApiDocument() as {
    channels: Record<string, { address: string }>;
    components: { messages: Record<string, unknown>; schemas: Record<string, { properties: Record<string, { pattern?: string }> }> };
  };

  it('describes every topic and every event version', () => {
    expect(Object.values(document.channels).map((c) => c.address).sort()).toEqual(allTopics().map((t) => t.name).sort());
    for (const contract of EVENT_CATALOGUE) expect(document.components.messages).toHaveProperty([`${contract.type}.v${contract.version}`]);
  });

  it('takes payload schemas from the contracts validation rules', () => {
    expect(document.components.schemas.TrialRegisteredPayload.properties.trialId.pattern).toBe('^NCT\\d{8}$');
  });

  it('describes arrays of primitives and of objects, nested objects and bounds in JSON Schema terms', () => {
    const { FollowUpPlan, ProtocolDefinition, DosingRule } = document.components.schemas;
    expect(FollowUpPlan.properties.visitDays).toEqual({ type: 'array', items: { type: 'integer', minimum: 1 }, minItems: 1 });
    expect(ProtocolDefinition.properties.assessments).toEqual({ type: 'array', items: { $ref: '#/components/schemas/PlannedAssessment' } });
    expect(ProtocolDefinition.properties.safety).toEqual({ $ref: '#/components/schemas/SafetyRules' });
    expect(DosingRule.properties.cellsPerKg).toEqual({ type: 'number', exclusiveMinimum: 0 });
  });

  it('is committed up to date (regenerate with: npm run asyncapi)', () => {
    const committed = JSON.parse(readFileSync(join(__dirname, '..', 'asyncapi.json'), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(document)));
  });
});
