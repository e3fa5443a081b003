import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SigningKey, type TokenHolder, type TokenOptions } from '@trialstream/local-auth';

/** One signing key per test process; the services it starts trust its public half. */
export const testSigningKey = SigningKey.generate();
const jwksFile = join(tmpdir(), `trialstream-test-jwks-${process.pid}.json`);
writeFileSync(jwksFile, JSON.stringify(testSigningKey.jwks()));

export const TEST_TOKEN_OPTIONS: TokenOptions = { issuer: 'trialstream-test', audience: 'trialstream', expiresIn: '1h' };

/** What a service under test is configured with to trust the test key. */
export const TEST_AUTH_ENV = { AUTH_JWKS_FILE: jwksFile, AUTH_ISSUER: TEST_TOKEN_OPTIONS.issuer, AUTH_AUDIENCE: TEST_TOKEN_OPTIONS.audience };

/** A valid token for this holder (options override issuer, audience or expiry, to make bad ones). */
export function testToken(holder: Partial<TokenHolder> & { role: string }, options: Partial<TokenOptions> = {}): Promise<string> {
  return testSigningKey.sign({ subject: `test-${holder.role}`, ...holder }, { ...TEST_TOKEN_OPTIONS, ...options });
}
