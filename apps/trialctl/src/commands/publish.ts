import { readFileSync } from 'node:fs';
import { topicName } from '@trialstream/contracts';
import type { CommandModule } from 'yargs';
import { checkEvents, readEvents } from '../events';
import { CliError, EXIT } from '../exit-codes';
import { connectOrExit, kafkaClient, kafkaFailure, kafkaOptions, producerOf } from '../kafka';

interface PublishArgs {
  file: string;
  brokers: string;
  'topic-prefix': string;
  'dry-run': boolean;
}

export const publishCommand: CommandModule<object, PublishArgs> = {
  command: 'publish [file]',
  describe: "Publish events (one JSON envelope, a JSON array or NDJSON) to their contracts' topics, each checked against its contract first",
  builder: (yargs) =>
    yargs
      .positional('file', { type: 'string', default: '-', describe: 'JSON or NDJSON file; - for stdin' })
      .options(kafkaOptions)
      .option('dry-run', { type: 'boolean', default: false, describe: 'Check and show where each event would go; send nothing' })
      .example('$0 publish screening.json', 'publish a ScreeningSubmitted envelope to the ingress topic')
      .example('cat events.ndjson | $0 publish --dry-run', 'check a batch without sending it'),
  handler: async (args) => {
    const input = readEvents(readFileSync(args.file === '-' ? 0 : args.file, 'utf8'));
    const checked = input.ok ? checkEvents(input.events) : input;
    if (!checked.ok) throw new CliError(`nothing sent: ${checked.refusals.join('\n')}`, EXIT.refusedByContract);
    const messages = checked.events.map((e) => ({ ...e, topic: topicName(args['topic-prefix'], e.contract.topic) }));
    if (!args['dry-run']) {
      const producer = producerOf(kafkaClient(args.brokers));
      await connectOrExit(producer, args.brokers);
      try {
        await producer.sendBatch({ acks: -1, topicMessages: groupByTopic(messages) }).catch((error: Error) => {
          throw kafkaFailure(`sending to ${[...new Set(messages.map((m) => m.topic))].join(', ')}`, error);
        });
      } finally {
        await producer.disconnect();
      }
    }
    for (const m of messages) {
      process.stdout.write(`${args['dry-run'] ? 'would publish' : 'published'} ${m.envelope.type} v${m.envelope.version} ${m.envelope.eventId} to ${m.topic} key=${m.key}\n`);
    }
  },
};

function groupByTopic(messages: { topic: string; key: string; value: string; headers: Record<string, string> }[]) {
  const byTopic = new Map<string, { key: string; value: string; headers: Record<string, string> }[]>();
  for (const { topic, key, value, headers } of messages) byTopic.set(topic, [...(byTopic.get(topic) ?? []), { key, value, headers }]);
  return [...byTopic].map(([topic, batch]) => ({ topic, messages: batch }));
}
