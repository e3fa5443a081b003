/** Makes this machine's token-signing key on first use (npm run up calls it) and prints where its public half is. */
import { join } from 'node:path';
import { JWKS_FILE, localKeyDirectory, SigningKey } from '@trialstream/local-auth';

const dir = localKeyDirectory();
SigningKey.inDirectory(dir);
process.stdout.write(`${join(dir, JWKS_FILE)}\n`);
