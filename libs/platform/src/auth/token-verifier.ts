import { readFileSync } from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { isRole, type Actor } from './roles';

/** Asymmetric algorithms only: a service holds public keys and can mint nothing. */
const ALGORITHMS = ['RS256', 'PS256', 'ES256', 'EdDSA'];

export interface TokenSettings {
  jwksFile?: string;
  jwksUrl?: string;
  issuer: string;
  audience: string;
}

/** The token of an `Authorization: Bearer <token>` header, if that is what the header holds. */
export function bearerTokenOf(header: string | undefined): string | undefined {
  const [scheme, token, ...rest] = (header ?? '').split(' ');
  return scheme?.toLowerCase() === 'bearer' && token && rest.length === 0 ? token : undefined;
}

/** Why a token was not accepted: said to the caller in a 401, without echoing the token. */
export class TokenRefused extends Error {}

/** The identity provider's keys could not be fetched: no token can be judged now (a 503, not the caller's fault). */
export class TokenKeysUnavailable extends Error {}

/** Verifies bearer tokens (signed JWTs: signature, issuer, audience, expiry) and reads the actor from their claims. */
export class TokenVerifier {
  private constructor(
    private readonly keys: JWTVerifyGetKey,
    private readonly settings: TokenSettings,
  ) {}

  static from(settings: TokenSettings): TokenVerifier {
    if (!settings.jwksFile === !settings.jwksUrl) {
      throw new Error('Invalid configuration: AUTH_JWKS_FILE or AUTH_JWKS_URL: exactly one must be set, naming the keys that sign bearer tokens [oneKeySource]');
    }
    if (settings.jwksUrl) return new TokenVerifier(createRemoteJWKSet(new URL(settings.jwksUrl)), settings);
    return new TokenVerifier(createLocalJWKSet(JSON.parse(readFileSync(settings.jwksFile as string, 'utf8'))), settings);
  }

  async verify(token: string): Promise<Actor> {
    let claims: Record<string, unknown>;
    try {
      ({ payload: claims } = await jwtVerify(token, this.keys, { issuer: this.settings.issuer, audience: this.settings.audience, algorithms: ALGORITHMS, requiredClaims: ['exp', 'sub'] }));
    } catch (error) {
      if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError)) throw new TokenKeysUnavailable(`the token keys could not be fetched: ${(error as Error).message}`);
      throw new TokenRefused(refusal(error));
    }
    return actorOf(claims);
  }
}

function refusal(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) return error.reason === 'missing' ? `the token has no ${error.claim} claim` : `the token's ${error.claim} claim is not accepted`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return "the token's signature does not verify";
  if (error instanceof errors.JWKSNoMatchingKey) return 'the token is signed with a key this service does not know';
  if (error instanceof errors.JOSEAlgNotAllowed) return "the token's algorithm is not accepted";
  return 'the token is not a well-formed signed JWT';
}

/** `sub` names the person or system, `role` one of the platform's roles, `sites` the sites a site token is bound to. */
function actorOf(claims: Record<string, unknown>): Actor {
  const { sub, role, sites } = claims;
  if (typeof sub !== 'string' || sub === '') throw new TokenRefused('the token has no sub claim');
  if (!isRole(role)) throw new TokenRefused("the token's role claim is not one of the platform's roles");
  if (role !== 'site') return { subject: sub, role };
  if (!Array.isArray(sites) || sites.length === 0 || !sites.every((site) => typeof site === 'string' && site !== '')) {
    throw new TokenRefused('a site token must name its sites in a sites claim');
  }
  return { subject: sub, role, sites };
}
