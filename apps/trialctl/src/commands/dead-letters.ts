import { CONSUMING_SERVICES, type ConsumingService } from '@trialstream/contracts';
import type { Argv, CommandModule } from 'yargs';
import { EXIT_CODES_HELP } from '../exit-codes';
import { serviceOptions, ServiceClient, type ServiceArgs } from '../services';

interface DeadLetterArgs extends ServiceArgs {
  service: ConsumingService;
  json: boolean;
  kind?: string;
}

/** A dead letter as GET /operations/dead-letters lists it (the fields printed). */
interface DeadLetter {
  partition: number;
  offset: string;
  key: string | null;
  kind: string;
  reason: string;
  eventType?: string;
  eventId?: string;
  sourceTopic: string;
  deadLetteredAt: string;
}

const withService = <T>(yargs: Argv<T>) =>
  yargs
    .option('service', { choices: CONSUMING_SERVICES, demandOption: true, describe: 'Whose dead letters' })
    .option('json', { type: 'boolean', default: false, describe: 'Print the answer as JSON' })
    .options(serviceOptions)
    .epilogue('The token needs the operations role: npm run -s token -- --role operations\n')
    .epilogue(EXIT_CODES_HELP);

const listCommand: CommandModule<object, DeadLetterArgs> = {
  command: 'list',
  describe: "What the service's dead-letter topic holds, oldest first: kind, event, key and why",
  builder: (yargs) => withService(yargs),
  handler: async (args) => {
    const letters = await new ServiceClient(args).getAll<DeadLetter>(args.service, '/operations/dead-letters');
    if (args.json) return void process.stdout.write(`${JSON.stringify(letters, null, 2)}\n`);
    for (const d of letters) {
      process.stdout.write(`${d.deadLetteredAt}  ${d.partition}:${d.offset}  ${d.kind}  ${d.eventType ?? '-'}  key=${d.key ?? '-'}  from ${d.sourceTopic}  ${d.reason}\n`);
    }
    process.stdout.write(`${letters.length} dead letter${letters.length === 1 ? '' : 's'}\n`);
  },
};

const replayCommand: CommandModule<object, DeadLetterArgs> = {
  command: 'replay',
  describe: 'After the cause is fixed: the service handles its dead letters again (all, or those of one kind)',
  builder: (yargs) => withService(yargs).option('kind', { type: 'string', describe: 'Only this failure kind, e.g. HANDLER_FAILED' }),
  handler: async (args) => {
    const path = `/operations/dead-letters/replay${args.kind ? `?kind=${encodeURIComponent(args.kind)}` : ''}`;
    const result = await new ServiceClient(args).post<{ replayed: number; skipped: number; byTopic: Record<string, number> }>(args.service, path);
    if (args.json) return void process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    const topics = Object.entries(result.byTopic).map(([topic, n]) => `${n} to ${topic}`);
    process.stdout.write(`replayed ${result.replayed}${topics.length ? ` (${topics.join(', ')})` : ''}, left ${result.skipped} alone\n`);
  },
};

export const deadLettersCommand: CommandModule = {
  command: 'dead-letters <command>',
  describe: "A service's dead letters: list them, replay them",
  builder: (yargs) => yargs.command(listCommand).command(replayCommand).demandCommand(1, 'say list or replay'),
  handler: () => undefined,
};
