import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { OpenAPI } from 'openapi-types';

const run = promisify(execFile);

// The checkers load on first use: every test importing @trialstream/testing need not pay for them.

/** What @apidevtools/swagger-parser (the checker sponsors' tools use) finds wrong with an OpenAPI document; none when valid. */
export async function openApiProblems(document: object): Promise<string[]> {
  const { default: SwaggerParser } = await import('@apidevtools/swagger-parser');
  try {
    // It dereferences in place: give it a copy.
    await SwaggerParser.validate(structuredClone(document) as OpenAPI.Document);
    return [];
  } catch (error) {
    return (error as Error).message.split('\n').map((line) => line.trim()).filter(Boolean);
  }
}

/**
 * TypeScript declarations (`paths`, `components`) generated from an OpenAPI document by the
 * openapi-typescript CLI, as a sponsor would run it (its ES-module dependencies do not load in Jest).
 */
export async function openApiTypes(document: object): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'trialstream-openapi-'));
  try {
    writeFileSync(join(dir, 'openapi.json'), JSON.stringify(document));
    await run(process.execPath, [join(dirname(require.resolve('openapi-typescript/package.json')), 'bin/cli.js'), join(dir, 'openapi.json'), '-o', join(dir, 'api.ts')]);
    return readFileSync(join(dir, 'api.ts'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Type-checks a few TypeScript files (name to source) in a temporary folder, strictly, and returns
 * the compiler's errors: generated client types prove themselves by compiling code that uses them.
 */
export async function typeErrors(files: Record<string, string>): Promise<string[]> {
  const ts = await import('typescript');
  const dir = mkdtempSync(join(tmpdir(), 'trialstream-types-'));
  try {
    for (const [name, source] of Object.entries(files)) writeFileSync(join(dir, name), source);
    const program = ts.createProgram(
      Object.keys(files).map((name) => join(dir, name)),
      { strict: true, noEmit: true, noUnusedLocals: false, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, lib: ['lib.es2022.d.ts'], types: [] },
    );
    return ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file && d.start !== undefined ? `${d.file.fileName.slice(dir.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}: ` : '';
      return where + ts.flattenDiagnosticMessageText(d.messageText, '\n');
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
