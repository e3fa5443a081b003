import { localKeyDirectory, localTokenOptions, SigningKey } from '@trialstream/local-auth';
import type { CommandModule } from 'yargs';
import { CliError, EXIT } from '../exit-codes';

interface TokenArgs {
  role: string;
  site?: string[];
  subject?: string;
  ttl: string;
}

export const tokenCommand: CommandModule<object, TokenArgs> = {
  command: 'token',
  describe: "Print a bearer token signed with this machine's local key (made by npm run up), for calling the services by hand or from scripts",
  builder: (yargs) =>
    yargs
      .option('role', { type: 'string', demandOption: true, describe: 'The role the token carries: sponsor-system, site, data-manager, safety-monitor, dsmb or operations' })
      .option('site', { type: 'string', array: true, describe: 'A site the token is bound to (site role: at least one)' })
      .option('subject', { type: 'string', describe: 'Who holds the token (its sub claim); recorded as the actor of what it does' })
      .option('ttl', { type: 'string', default: '8h', describe: 'How long the token is valid, e.g. 15m, 8h' })
      .check((a) => {
        if (a.role === 'site' && !a.site?.length) throw new CliError('--role site needs at least one --site', EXIT.usage);
        if (a.role !== 'site' && a.site?.length) throw new CliError('--site is for the site role only', EXIT.usage);
        return true;
      })
      .epilogue('The key is in $TRIALSTREAM_RUN/auth (default .run/auth); issuer and audience are AUTH_ISSUER and AUTH_AUDIENCE (default trialstream-local, trialstream).\n')
      .example('curl -H "Authorization: Bearer $($0 token --role data-manager)" http://127.0.0.1:3002/trials/NCT02491658/subjects', ''),
  handler: async (args) => {
    const key = SigningKey.existingIn(localKeyDirectory());
    const token = await key.sign(
      { subject: args.subject ?? `local-${args.role}`, role: args.role, sites: args.site },
      localTokenOptions(args.ttl),
    );
    process.stdout.write(`${token}\n`);
  },
};
