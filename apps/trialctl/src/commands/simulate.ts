import { join } from 'node:path';
import { localKeyDirectory, workspaceRoot } from '@trialstream/local-auth';
import { localSigner, runSimulation, summaryTable } from '@trialstream/simulation';
import type { CommandModule } from 'yargs';
import { CliError, EXIT } from '../exit-codes';
import { kafkaOptions } from '../kafka';
import { serviceOptions } from '../services';

interface SimulateArgs {
  seed: number;
  subjects?: number;
  trial: string;
  out: string;
  brokers: string;
  'topic-prefix': string;
  [option: string]: unknown;
}

export const simulateCommand: CommandModule<object, SimulateArgs> = {
  command: 'simulate',
  describe: "The whole trial, seeded, through the running services on their adjustable clock: screening to a year of follow-up, then a summary and a chart",
  builder: (yargs) =>
    yargs
      .option('seed', { type: 'number', demandOption: true, describe: 'Seed of the plan: the same seed gives the same summary' })
      .option('subjects', { type: 'number', describe: "Subjects to enroll (default: the protocol's enrollment target)" })
      .option('trial', { type: 'string', default: 'NCT02491658', describe: 'The trial to rehearse (a copy of it is registered, the trial itself is untouched)' })
      .option('out', { type: 'string', default: join(workspaceRoot(__dirname), '.run', 'simulation'), describe: 'Where the summary (JSON) and the chart (SVG) go' })
      .options(kafkaOptions)
      .options({ ...serviceOptions, token: { ...serviceOptions.token, hidden: true } })
      .check((a) => {
        if (!Number.isInteger(a.seed) || a.seed < 0) throw new CliError('--seed must be a whole number, 0 or more', EXIT.usage);
        if (a.subjects !== undefined && (!Number.isInteger(a.subjects) || a.subjects < 1)) throw new CliError('--subjects must be a whole number, 1 or more', EXIT.usage);
        return true;
      })
      .epilogue('Tokens of each role it needs are signed with the local key (npm run up makes it); the services must run with CLOCK_ADJUSTABLE=true, as npm run up starts them.\n'),
  handler: async (args) => {
    const result = await runSimulation({
      seed: args.seed,
      subjects: args.subjects,
      sourceTrial: args.trial,
      out: args.out,
      urls: {
        registry: String(args['registry-url']),
        enrollment: String(args['enrollment-url']),
        infusion: String(args['infusion-tracking-url']),
        safety: String(args['safety-url']),
      },
      sign: localSigner(localKeyDirectory()),
      kafka: { brokers: args.brokers.split(','), topicPrefix: args['topic-prefix'] },
      progress: process.stderr.isTTY,
    });
    process.stdout.write(`\n${result.trialId} (a copy of ${args.trial}), seed ${args.seed}\n${summaryTable(result.summary)}\n\nsummary: ${result.files.summary}\nchart:   ${result.files.chart}\n`);
  },
};
