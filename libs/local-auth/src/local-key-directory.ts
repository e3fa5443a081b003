import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Where this machine's signing key lives: `<TRIALSTREAM_RUN>/auth`, by default `.run/auth` in the
 * workspace (found from this file, so it is the same from the sources, from dist/ and from any
 * working directory).
 */
export function localKeyDirectory(env: NodeJS.ProcessEnv = process.env, from = __dirname): string {
  return join(env.TRIALSTREAM_RUN ?? join(workspaceRoot(from), '.run'), 'auth');
}

/** The nearest directory at or above `from` holding nx.json. */
export function workspaceRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no workspace (nx.json) at or above ${from}; set TRIALSTREAM_RUN`);
  }
}
