import { randomUUID } from 'node:crypto';
import type { CommandModule } from 'yargs';
import { CliError, EXIT } from '../exit-codes';
import { connectOrExit, kafkaClient, kafkaFailure, kafkaOptions } from '../kafka';
import { tailLine, type TailedMessage } from '../tail-line';
import { knownTopics, resolveTopic } from '../topics';

interface TailArgs {
  topic: string;
  brokers: string;
  'topic-prefix': string;
  'from-beginning': boolean;
  'max-messages'?: number;
  json: boolean;
}

export const tailCommand: CommandModule<object, TailArgs> = {
  command: 'tail <topic>',
  describe: 'Print what arrives on a topic, one readable line per message (until Ctrl-C or --max-messages)',
  builder: (yargs) =>
    yargs
      .positional('topic', { type: 'string', demandOption: true, describe: `Short or full name: ${knownTopics().join(', ')}` })
      .options(kafkaOptions)
      .option('from-beginning', { type: 'boolean', default: false, describe: 'Start at the oldest message kept, not at the next one' })
      .option('max-messages', { type: 'number', describe: 'Stop after this many messages' })
      .option('json', { type: 'boolean', default: false, describe: 'Print each message raw, as JSON (key, value, headers, partition, offset)' })
      .check((a) => {
        if (a['max-messages'] !== undefined && !(Number.isInteger(a['max-messages']) && a['max-messages'] > 0)) throw new CliError('--max-messages must be a whole number above 0', EXIT.usage);
        return true;
      })
      .example('$0 tail safety.alerts --from-beginning', 'every alert raised so far, then new ones as they come'),
  handler: async (args) => {
    const topic = resolveTopic(args.topic, args['topic-prefix']);
    if (!topic) throw new CliError(`no topic ${args.topic}; known: ${knownTopics().join(', ')}`, EXIT.usage);
    // A group of its own that commits nothing: tailing moves no service's position. Named under the
    // environment's topic prefix, so an ACL on <prefix>trialctl-tail- lets a principal tail there.
    const consumer = kafkaClient(args.brokers).consumer({ groupId: `${args['topic-prefix']}trialctl-tail-${randomUUID()}`, maxWaitTimeInMs: 500 });
    await connectOrExit(consumer, args.brokers);
    let printed = 0;
    const done = new Promise<void>((resolve, reject) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      consumer.on(consumer.events.CRASH, ({ payload }) => reject(kafkaFailure(`reading ${topic}`, payload.error)));
      consumer
        .subscribe({ topic, fromBeginning: args['from-beginning'] })
        .then(() =>
          consumer.run({
            autoCommit: false,
            eachMessage: async ({ partition, message }) => {
              if (args['max-messages'] !== undefined && printed >= args['max-messages']) return;
              const tailed: TailedMessage = {
                topic,
                partition,
                offset: message.offset,
                timestamp: message.timestamp,
                key: message.key?.toString() ?? null,
                value: message.value?.toString() ?? null,
                headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
              };
              process.stdout.write(`${args.json ? JSON.stringify(tailed) : tailLine(tailed)}\n`);
              if (++printed === args['max-messages']) resolve();
            },
          }),
        )
        .catch((error: Error) => reject(kafkaFailure(`reading ${topic}`, error)));
    });
    try {
      await done;
    } finally {
      await consumer.disconnect();
    }
  },
};
