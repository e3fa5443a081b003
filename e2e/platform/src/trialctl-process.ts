import { spawn } from 'node:child_process';
import { join } from 'node:path';

const WORKSPACE = join(__dirname, '../../..');

export interface TrialctlRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The built trialctl as a child process, as operators and scripts run it: only the given environment (and PATH), stdin fed. */
export function runTrialctl(args: string[], env: Record<string, string>, stdin = ''): Promise<TrialctlRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['dist/apps/trialctl/apps/trialctl/src/main.js', ...args], {
      cwd: WORKSPACE,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}
