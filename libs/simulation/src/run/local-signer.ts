import { localTokenOptions, SigningKey } from '@trialstream/local-auth';
import type { TokenSigner } from './platform-client';

/**
 * Tokens signed with this machine's local key (what `npm run up` makes under .run/auth and the
 * services it starts trust), with the issuer and audience they expect. The one place the simulation
 * touches the signing key.
 */
export function localSigner(authDir: string, env: NodeJS.ProcessEnv = process.env): TokenSigner {
  const key = SigningKey.existingIn(authDir);
  const options = localTokenOptions('8h', env);
  return (caller) => key.sign(caller, options);
}
