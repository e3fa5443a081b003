/**
 * Prints a bearer token signed with this machine's local key (made by `npm run up`), for calling the
 * services by hand or from scripts:
 *   npm run -s token -- --role site --site BJ-01
 *   curl -H "Authorization: Bearer $(npm run -s token -- --role data-manager)" http://127.0.0.1:3002/trials/NCT02491658/subjects
 */
import { join } from 'node:path';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { ROLES } from '../../libs/platform/src/auth/roles';
import { SigningKey } from '../../libs/testing/src/signing-key';

const root = join(__dirname, '../..');

async function main() {
  const args = await yargs(hideBin(process.argv))
    .scriptName('npm run token --')
    .usage('$0 --role <role> [--site <siteId>...] [--subject <name>] [--ttl <span>]')
    .option('role', { choices: ROLES, demandOption: true, describe: 'The role the token carries' })
    .option('site', { type: 'string', array: true, describe: 'A site the token is bound to (site role: at least one)' })
    .option('subject', { type: 'string', describe: 'Who holds the token (its sub claim); recorded as the actor of what it does' })
    .option('ttl', { type: 'string', default: '8h', describe: 'How long the token is valid, e.g. 15m, 8h' })
    .check((a) => {
      if (a.role === 'site' && !a.site?.length) throw new Error('--role site needs at least one --site');
      if (a.role !== 'site' && a.site?.length) throw new Error('--site is for the site role only');
      return true;
    })
    .strict()
    .help()
    .parseAsync();
  const key = SigningKey.inDirectory(join(process.env.TRIALSTREAM_RUN ?? join(root, '.run'), 'auth'));
  const token = await key.sign(
    { subject: args.subject ?? `local-${args.role}`, role: args.role, sites: args.site },
    { issuer: process.env.AUTH_ISSUER ?? 'trialstream-local', audience: process.env.AUTH_AUDIENCE ?? 'trialstream', expiresIn: args.ttl },
  );
  process.stdout.write(`${token}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
});
