import { createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, type JsonWebKey, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT } from 'jose';

/** What a token says of its holder: `sub`, `role` and, for a site, `sites`. */
export interface TokenHolder {
  subject: string;
  role: string;
  sites?: readonly string[];
}

export interface TokenOptions {
  issuer: string;
  audience: string;
  /** A jose time span ('8h', '15m') or seconds since the epoch; undefined makes a token without expiry (for tests that it is refused). */
  expiresIn: string | number | undefined;
}

const PRIVATE_FILE = 'signing-key.jwk.json';
export const JWKS_FILE = 'jwks.json';

/**
 * A local ES256 key that signs bearer tokens where no identity provider runs (a developer machine,
 * tests); services hold only its public half, as a JWKS document. Production uses the provider's
 * keys; no service can sign.
 */
export class SigningKey {
  private constructor(
    private readonly privateKey: KeyObject,
    readonly kid: string,
  ) {}

  static generate(): SigningKey {
    return new SigningKey(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey, randomUUID());
  }

  /** The key kept in `dir`, made on first use; the private half is readable by its owner only. */
  static inDirectory(dir: string): SigningKey {
    const file = join(dir, PRIVATE_FILE);
    if (existsSync(file)) return SigningKey.read(file);
    const key = SigningKey.generate();
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(file, JSON.stringify({ ...key.privateKey.export({ format: 'jwk' }), kid: key.kid }), { mode: 0o600 });
    chmodSync(file, 0o600);
    writeFileSync(join(dir, JWKS_FILE), JSON.stringify(key.jwks(), null, 2));
    return key;
  }

  /** The key kept in `dir`; made by `npm run up`, never here: a new key would sign tokens no running service trusts. */
  static existingIn(dir: string): SigningKey {
    const file = join(dir, PRIVATE_FILE);
    if (!existsSync(file)) throw new Error(`no signing key in ${dir}: npm run up (or npm run auth:key) makes it`);
    return SigningKey.read(file);
  }

  private static read(file: string): SigningKey {
    const jwk = JSON.parse(readFileSync(file, 'utf8')) as JsonWebKey & { kid: string };
    return new SigningKey(createPrivateKey({ key: jwk, format: 'jwk' }), jwk.kid);
  }

  /** The public half as a JWKS document (what AUTH_JWKS_FILE names). */
  jwks(): { keys: JsonWebKey[] } {
    return { keys: [{ ...createPublicKey(this.privateKey).export({ format: 'jwk' }), kid: this.kid, alg: 'ES256', use: 'sig' }] };
  }

  sign(actor: TokenHolder, options: TokenOptions): Promise<string> {
    const claims = { role: actor.role, ...(actor.sites ? { sites: [...actor.sites] } : {}) };
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: this.kid, typ: 'JWT' })
      .setSubject(actor.subject)
      .setIssuer(options.issuer)
      .setAudience(options.audience)
      .setIssuedAt();
    return (options.expiresIn === undefined ? jwt : jwt.setExpirationTime(options.expiresIn)).sign(this.privateKey);
  }
}
