import { EVENT_CATALOGUE } from './catalogue';
import { validationJsonSchemas } from './json-schemas';
import { allTopics } from './topics';

const ENVELOPE_FIELDS = {
  eventId: { type: 'string', format: 'uuid' },
  type: { type: 'string' },
  version: { type: 'integer', minimum: 1 },
  occurredAt: { type: 'string', format: 'date-time' },
  producer: { type: 'string' },
  trialId: { type: 'string' },
  subjectId: { type: 'string', description: 'Pseudonymous subject id; never a direct identifier.' },
  correlationId: { type: 'string' },
  causationId: { type: 'string', description: 'eventId of the event that caused this one.' },
  actor: {
    type: 'object',
    description: "Who caused the event by an authenticated request: the token's subject and role. Absent on events caused by events.",
    required: ['subject', 'role'],
    properties: { subject: { type: 'string' }, role: { type: 'string' } },
  },
};

const channelId = (topicName: string) => topicName.replace(/[^a-zA-Z0-9]+/g, '-');
const messageId = (type: string, version: number) => `${type}.v${version}`;

/**
 * The AsyncAPI 3 description of every topic and event, generated from the same contract
 * definitions the services use, so the document cannot drift from the code.
 */
export function asyncApiDocument(): Record<string, unknown> {
  const schemas = validationJsonSchemas('#/components/schemas/');
  const channels = Object.fromEntries(
    allTopics().map((topic) => {
      const events = EVENT_CATALOGUE.filter((c) => c.topic.name === topic.name);
      return [
        channelId(topic.name),
        {
          address: topic.name,
          description: `${topic.description} Partitions: ${topic.partitions}.`,
          messages: Object.fromEntries(
            events.map((c) => [messageId(c.type, c.version), { $ref: `#/components/messages/${messageId(c.type, c.version)}` }]),
          ),
        },
      ];
    }),
  );
  const messages = Object.fromEntries(
    EVENT_CATALOGUE.map((c) => [
      messageId(c.type, c.version),
      {
        name: c.type,
        title: `${c.type} v${c.version}`,
        summary: c.summary,
        contentType: 'application/json',
        headers: {
          type: 'object',
          properties: { 'event-id': { type: 'string' }, 'event-type': { const: c.type }, 'event-version': { const: String(c.version) }, 'correlation-id': { type: 'string' } },
        },
        payload: {
          type: 'object',
          required: ['eventId', 'type', 'version', 'occurredAt', 'producer', 'trialId', 'correlationId', 'payload'],
          properties: { ...ENVELOPE_FIELDS, type: { const: c.type }, version: { const: c.version }, payload: { $ref: `#/components/schemas/${c.payload.name}` } },
        },
      },
    ]),
  );
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Trialstream events',
      version: '1.0.0',
      description: 'Events of the Trialstream clinical-trial platform. JSON envelopes on Kafka; the message key orders events per trial or subject.',
    },
    defaultContentType: 'application/json',
    servers: { local: { host: '127.0.0.1:9092', protocol: 'kafka', description: 'Single-node KRaft broker started by infra/kafka/kafka.sh' } },
    channels,
    components: { messages, schemas },
  };
}
