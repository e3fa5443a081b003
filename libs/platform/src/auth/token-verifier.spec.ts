import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import { SigningKey } from '@trialstream/testing';
import { SignJWT } from 'jose';
import { TokenKeysUnavailable, TokenRefused, TokenVerifier } from './token-verifier';

const options = { issuer: 'https://id.example.org', audience: 'trialstream', expiresIn: '5m' };
const key = SigningKey.generate();
const jwksFile = join(tmpdir(), `token-verifier-spec-${process.pid}.json`);
writeFileSync(jwksFile, JSON.stringify(key.jwks()));
const verifier = TokenVerifier.from({ jwksFile, issuer: options.issuer, audience: options.audience });

async function refusal(token: string): Promise<string> {
  const error = await verifier.verify(token).then(() => undefined, (e: unknown) => e);
  if (!(error instanceof TokenRefused)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error.message;
}

describe('bearer tokens', () => {
  it('reads the actor from a valid token: subject, role and, for a site, its sites', async () => {
    expect(await verifier.verify(await key.sign({ subject: 'dr.wang', role: 'safety-monitor' }, options))).toEqual({ subject: 'dr.wang', role: 'safety-monitor' });
    expect(await verifier.verify(await key.sign({ subject: 'nurse.li', role: 'site', sites: ['BJ-01'] }, options))).toEqual({ subject: 'nurse.li', role: 'site', sites: ['BJ-01'] });
  });

  it('refuses an expired token, another issuer or audience, and says which', async () => {
    expect(await refusal(await key.sign({ subject: 'a', role: 'dsmb' }, { ...options, expiresIn: Math.floor(Date.now() / 1000) - 60 }))).toBe('the token has expired');
    expect(await refusal(await key.sign({ subject: 'a', role: 'dsmb' }, { ...options, issuer: 'https://evil.example.org' }))).toBe("the token's iss claim is not accepted");
    expect(await refusal(await key.sign({ subject: 'a', role: 'dsmb' }, { ...options, audience: 'another-api' }))).toBe("the token's aud claim is not accepted");
  });

  it('refuses a token that never expires', async () => {
    expect(await refusal(await key.sign({ subject: 'a', role: 'operations' }, { ...options, expiresIn: undefined }))).toBe('the token has no exp claim');
  });

  it('refuses a tampered token, one signed by an unknown key, and an unsigned or symmetric one', async () => {
    const [header, payload, signature] = (await key.sign({ subject: 'nurse.li', role: 'site', sites: ['BJ-01'] }, options)).split('.');
    const widened = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), sites: ['BJ-01', 'SH-02'] })).toString('base64url');
    expect(await refusal(`${header}.${widened}.${signature}`)).toBe("the token's signature does not verify");
    expect(await refusal(await SigningKey.generate().sign({ subject: 'a', role: 'operations' }, options))).toBe('the token is signed with a key this service does not know');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${payload}.`;
    expect(await refusal(none)).toBe("the token's algorithm is not accepted");
    const symmetric = await new SignJWT({ role: 'operations' }).setProtectedHeader({ alg: 'HS256' }).setSubject('a').setIssuer(options.issuer).setAudience(options.audience).setExpirationTime('5m').sign(new Uint8Array(32));
    expect(await refusal(symmetric)).toBe("the token's algorithm is not accepted");
    expect(await refusal('not-a-token')).toBe('the token is not a well-formed signed JWT');
  });

  it("refuses a token whose claims do not name a holder, a platform role, or a site token's sites", async () => {
    expect(await refusal(await key.sign({ subject: '', role: 'dsmb' }, options))).toBe('the token has no sub claim');
    expect(await refusal(await key.sign({ subject: 'a', role: 'admin' }, options))).toBe("the token's role claim is not one of the platform's roles");
    expect(await refusal(await key.sign({ subject: 'a', role: 'site' }, options))).toBe('a site token must name its sites in a sites claim');
    expect(await refusal(await key.sign({ subject: 'a', role: 'site', sites: [] }, options))).toBe('a site token must name its sites in a sites claim');
  });

  it("takes the keys from an identity provider's JWKS URL", async () => {
    const server: Server = createServer((_, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(key.jwks())));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as { port: number };
      const remote = TokenVerifier.from({ jwksUrl: `http://127.0.0.1:${port}/jwks`, issuer: options.issuer, audience: options.audience });
      expect(await remote.verify(await key.sign({ subject: 'a', role: 'dsmb' }, options))).toEqual({ subject: 'a', role: 'dsmb' });
    } finally {
      server.close();
    }
  });

  it("tells an identity provider out of reach from a bad token", async () => {
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    server.close();
    const unreachable = TokenVerifier.from({ jwksUrl: `http://127.0.0.1:${port}/jwks`, issuer: options.issuer, audience: options.audience });
    await expect(unreachable.verify(await key.sign({ subject: 'a', role: 'dsmb' }, options))).rejects.toBeInstanceOf(TokenKeysUnavailable);
  });

  it('needs exactly one source of keys', () => {
    expect(() => TokenVerifier.from({ issuer: 'i', audience: 'a' })).toThrow(/AUTH_JWKS_FILE or AUTH_JWKS_URL: exactly one must be set/);
    expect(() => TokenVerifier.from({ jwksFile, jwksUrl: 'https://id.example.org/jwks', issuer: 'i', audience: 'a' })).toThrow(/exactly one must be set/);
  });
});
