import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import ts from 'typescript';
import { EVENT_CATALOGUE } from './catalogue';

// The committed file is what sponsors get; the up-to-date test ties it to the contracts.
const published = readFileSync(join(__dirname, '..', 'asyncapi.json'), 'utf8');
const document = JSON.parse(published) as { components: { messages: Record<string, { payload: object }>; schemas: object } };

const closed = {
  eventId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  type: 'EnrollmentClosed',
  version: 1,
  occurredAt: '2015-09-01T08:00:00.000Z',
  producer: 'enrollment',
  trialId: 'NCT02491658',
  correlationId: 'c-1',
  payload: { enrolled: 30, target: 30, reason: 'TARGET_REACHED' },
};

describe('the published AsyncAPI document (asyncapi.json)', () => {
  it('parses with the official AsyncAPI parser without errors', async () => {
    const { diagnostics } = await new Parser().parse(published);
    const errors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).map((d) => `${d.path.join('.')}: ${d.message}`);
    expect(errors).toEqual([]);
  });

  it('has message schemas that ajv compiles strictly and that tell a valid event from a broken one', () => {
    const ajv = new Ajv({ strict: true, allErrors: true });
    addFormats(ajv);
    ajv.addKeyword('components'); // the refs point into the document's components
    ajv.addSchema({ $id: 'asyncapi.json', components: document.components });
    for (const c of EVENT_CATALOGUE) expect(ajv.getSchema(`asyncapi.json#/components/messages/${c.type}.v${c.version}/payload`)).toBeInstanceOf(Function);

    const validate = ajv.getSchema('asyncapi.json#/components/messages/EnrollmentClosed.v1/payload')!;
    expect(validate(closed)).toBe(true);
    const { target, ...renamed } = closed.payload;
    expect(validate({ ...closed, payload: { ...renamed, goal: target } })).toBe(false);
    expect(validate.errors?.map((e) => `${e.instancePath} ${e.message}`)).toEqual(["/payload must have required property 'target'"]);
  });

  it('gives consumers types (json-schema-to-typescript) that compile', () => {
    const consumer = `
      import type { TrialstreamEvents } from './events';
      type Closed = NonNullable<TrialstreamEvents['EnrollmentClosed.v1']>;
      export const closed: Closed = ${JSON.stringify(closed)};
      export const visitDays: number[] = ({} as NonNullable<TrialstreamEvents['ProtocolVersionPublished.v1']>).payload.protocol.followUp.visitDays;
      // @ts-expect-error the reason is one of the listed ones
      export const full: Closed['payload'] = { enrolled: 30, target: 30, reason: 'FULL' };
    `;
    expect(typeErrors({ 'events.ts': eventTypes(), 'consumer.ts': consumer })).toEqual([]);
  });
});

/**
 * The json2ts CLI's types for one object with a property per message (beside the components its
 * refs point into); run as a sponsor would, since its formatter does not load in Jest.
 */
function eventTypes(): string {
  const dir = mkdtempSync(join(tmpdir(), 'trialstream-json2ts-'));
  try {
    const { messages } = document.components;
    const root = { title: 'TrialstreamEvents', type: 'object', properties: Object.fromEntries(Object.entries(messages).map(([id, m]) => [id, m.payload])), components: document.components };
    writeFileSync(join(dir, 'events.json'), JSON.stringify(root));
    const cli = join(dirname(require.resolve('json-schema-to-typescript/package.json')), 'dist/src/cli.js');
    execFileSync(process.execPath, [cli, '-i', join(dir, 'events.json'), '-o', join(dir, 'events.ts'), '--no-additionalProperties', '--bannerComment', '']);
    return readFileSync(join(dir, 'events.ts'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Strict type errors of a few files, compiled in a temporary folder. */
function typeErrors(files: Record<string, string>): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'trialstream-asyncapi-'));
  try {
    for (const [name, source] of Object.entries(files)) writeFileSync(join(dir, name), source);
    const options = { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, lib: ['lib.es2022.d.ts'], types: [] };
    const program = ts.createProgram(Object.keys(files).map((name) => join(dir, name)), options);
    return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
