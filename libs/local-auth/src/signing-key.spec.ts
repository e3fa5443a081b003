import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { JWKS_FILE, SigningKey } from './signing-key';
import { localKeyDirectory, workspaceRoot } from './local-key-directory';

const options = { issuer: 'trialstream-local', audience: 'trialstream', expiresIn: '1h' };

describe('the local signing key', () => {
  it('is made once in its directory, private half for its owner only, and found again', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'local-auth-')), 'auth');
    const made = SigningKey.inDirectory(dir);
    expect(statSync(join(dir, 'signing-key.jwk.json')).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(join(dir, JWKS_FILE), 'utf8'))).toEqual(made.jwks());
    expect(SigningKey.inDirectory(dir).kid).toBe(made.kid);
    expect(SigningKey.existingIn(dir).kid).toBe(made.kid);
  });

  it('is not made where none is when asked for an existing one', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'local-auth-')), 'auth');
    expect(() => SigningKey.existingIn(dir)).toThrow(`no signing key in ${dir}: npm run up (or npm run auth:key) makes it`);
  });

  it('signs what the token says of its holder, with its key id', async () => {
    const key = SigningKey.generate();
    const token = await key.sign({ subject: 'nurse', role: 'site', sites: ['BJ-01'] }, options);
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'ES256', kid: key.kid });
    expect(decodeJwt(token)).toMatchObject({ sub: 'nurse', role: 'site', sites: ['BJ-01'], iss: 'trialstream-local', aud: 'trialstream' });
  });
});

describe('where the key lives', () => {
  it('is TRIALSTREAM_RUN/auth when set, else .run/auth in the workspace', () => {
    expect(localKeyDirectory({ TRIALSTREAM_RUN: '/srv/run' })).toBe('/srv/run/auth');
    const root = workspaceRoot(__dirname);
    expect(localKeyDirectory({}, join(root, 'dist/apps/trialctl/libs/local-auth/src'))).toBe(join(root, '.run/auth'));
  });

  it('is refused outside a workspace', () => {
    expect(() => workspaceRoot('/')).toThrow('no workspace (nx.json) at or above /; set TRIALSTREAM_RUN');
  });
});
