import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface FhirIssue {
  severity: 'fatal' | 'error' | 'warning' | 'information';
  location: string;
  message: string;
}

const VALIDATE = resolve(__dirname, '../../../infra/fhir-validator/validate.sh');

/**
 * Validates FHIR R5 resources with HAPI FHIR's validator (infra/fhir-validator, real Java, one
 * start-up for all of them): the issues of each resource, in the order given. Its start-up loads
 * the whole R5 definition set, a minute or more on a busy machine.
 */
export async function hapiValidate(resources: object[]): Promise<FhirIssue[][]> {
  const dir = mkdtempSync(join(tmpdir(), 'fhir-validate-'));
  try {
    const files = resources.map((resource, i) => {
      const file = join(dir, `${i}.json`);
      writeFileSync(file, JSON.stringify(resource));
      return file;
    });
    const stdout = await new Promise<string>((done, fail) =>
      execFile(VALIDATE, files, { maxBuffer: 64 * 1024 * 1024 }, (error, out, err) => {
        // Exit 1 means "errors found", which the issues say; anything else is the validator failing.
        if (error && error.code !== 1) fail(new Error(`${VALIDATE} failed (${error.code}): ${err}`));
        else done(out);
      }),
    );
    const issues = stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as FhirIssue & { file: string });
    return files.map((file) => issues.filter((issue) => issue.file === file).map(({ file: _, ...issue }) => issue));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const errorsOf = (issues: FhirIssue[]) => issues.filter((i) => i.severity === 'error' || i.severity === 'fatal');
