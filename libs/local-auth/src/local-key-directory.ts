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

/** The issuer and audience the local services expect (AUTH_ISSUER, AUTH_AUDIENCE, as they read them), with a lifetime. */
export function localTokenOptions(expiresIn: string, env: NodeJS.ProcessEnv = process.env): { issuer: string; audience: string; expiresIn: string } {
  return { issuer: env.AUTH_ISSUER ?? 'trialstream-local', audience: env.AUTH_AUDIENCE ?? 'trialstream', expiresIn };
}
