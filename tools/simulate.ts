/**
 * The whole trial, simulated against the platform `npm run up` started:
 *   npm run simulate -- --seed 7 [--subjects 30] [--out .run/simulation]
 * Service URLs and the broker come from the environment, with the local defaults.
 */
import { join } from 'node:path';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { localSigner, runSimulation, summaryTable } from '@trialstream/simulation';

const root = join(__dirname, '..');

async function main() {
  const args = await yargs(hideBin(process.argv))
    .scriptName('npm run simulate --')
    .option('seed', { type: 'number', demandOption: true, describe: 'Seed of the plan: the same seed gives the same summary' })
    .option('subjects', { type: 'number', describe: "Subjects to enroll (default: the protocol's enrollment target)" })
    .option('trial', { type: 'string', default: 'NCT02491658', describe: 'The trial to rehearse (a copy of it is registered)' })
    .option('out', { type: 'string', default: join(root, '.run', 'simulation'), describe: 'Where the summary (JSON) and the chart (SVG) go' })
    .check((a) => {
      if (!Number.isInteger(a.seed) || a.seed < 0) throw new Error('--seed must be a whole number, 0 or more');
      if (a.subjects !== undefined && (!Number.isInteger(a.subjects) || a.subjects < 1)) throw new Error('--subjects must be a whole number, 1 or more');
      return true;
    })
    .strict()
    .help()
    .parseAsync();
  const env = process.env;
  const result = await runSimulation({
    seed: args.seed,
    subjects: args.subjects,
    sourceTrial: args.trial,
    out: args.out,
    urls: {
      registry: env.REGISTRY_URL ?? 'http://127.0.0.1:3001',
      enrollment: env.ENROLLMENT_URL ?? 'http://127.0.0.1:3002',
      infusion: env.INFUSION_TRACKING_URL ?? 'http://127.0.0.1:3003',
      safety: env.SAFETY_URL ?? 'http://127.0.0.1:3004',
    },
    sign: localSigner(join(env.TRIALSTREAM_RUN ?? join(root, '.run'), 'auth')),
    kafka: { brokers: (env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','), topicPrefix: env.KAFKA_TOPIC_PREFIX ?? '' },
    progress: process.stderr.isTTY,
  });
  process.stdout.write(`\n${result.trialId} (a copy of ${args.trial}), seed ${args.seed}\n${summaryTable(result.summary)}\n\nsummary: ${result.files.summary}\nchart:   ${result.files.chart}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
