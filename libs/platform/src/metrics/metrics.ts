import { Allow, OpenBySetting } from '../auth/access';
import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { EVENT_CATALOGUE } from '@trialstream/contracts';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';

// Type names come from message headers and bodies anyone writing to a topic controls: only the
// catalogue's own names become label values, so the number of series stays bounded.
const KNOWN_TYPES = new Set(EVENT_CATALOGUE.map((c) => c.type));

/** The service's Prometheus registry and the messaging metrics every service exposes. */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly eventsConsumed: Counter<'type' | 'outcome'>;
  readonly eventsDeadLettered: Counter<'kind'>;
  readonly outboxPublished: Counter<'type'>;
  readonly outboxPending: Gauge;
  readonly outboxSetAside: Gauge;

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    this.eventsConsumed = new Counter({
      name: 'trialstream_events_consumed_total',
      help: 'Events taken off Kafka, by type (a catalogue type, "unknown" or "invalid") and outcome (handled, duplicate, ignored, parked, dead_lettered).',
      labelNames: ['type', 'outcome'],
      registers: [this.registry],
    });
    this.eventsDeadLettered = new Counter({
      name: 'trialstream_events_dead_lettered_total',
      help: 'Messages sent to the dead-letter topic, by failure kind.',
      labelNames: ['kind'],
      registers: [this.registry],
    });
    this.outboxPublished = new Counter({
      name: 'trialstream_outbox_published_total',
      help: 'Events the outbox relay published to Kafka.',
      labelNames: ['type'],
      registers: [this.registry],
    });
    this.outboxPending = new Gauge({
      name: 'trialstream_outbox_pending',
      help: 'Outbox rows committed but not yet published, as of the last relay pass.',
      registers: [this.registry],
    });
    this.outboxSetAside = new Gauge({
      name: 'trialstream_outbox_set_aside',
      help: 'Outbox rows the broker refused for good, set aside with their reason (GET /operations/outbox/set-aside).',
      registers: [this.registry],
    });
  }

  /** The label value for an event type: the type itself if the catalogue knows it, else "unknown". */
  knownType(type: string): string {
    return KNOWN_TYPES.has(type) || type === 'invalid' ? type : 'unknown';
  }
}

@ApiTags('operations')
@Allow('operations')
@OpenBySetting('AUTH_PUBLIC_METRICS')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: ServiceMetrics) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: "The service's Prometheus metrics, in the text exposition format." })
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
