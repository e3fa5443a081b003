/** Makes this machine's token-signing key on first use (npm run up calls it) and prints where its public half is. */
import { join } from 'node:path';
import { JWKS_FILE, SigningKey } from '../../libs/testing/src/signing-key';

const dir = join(process.env.TRIALSTREAM_RUN ?? join(__dirname, '../../.run'), 'auth');
SigningKey.inDirectory(dir);
process.stdout.write(`${join(dir, JWKS_FILE)}\n`);
