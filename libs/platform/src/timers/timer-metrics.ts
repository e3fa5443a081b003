import { Counter, type Registry } from 'prom-client';

/** Timer counters, registered in the service's Prometheus registry. */
export class TimerMetrics {
  readonly fired: Counter<'type'>;
  readonly failed: Counter<'type'>;

  constructor(registry: Registry) {
    this.fired = new Counter({
      name: 'trialstream_timers_fired_total',
      help: 'Timers that fell due and put their event in the outbox, by event type.',
      labelNames: ['type'],
      registers: [registry],
    });
    this.failed = new Counter({
      name: 'trialstream_timers_failed_total',
      help: 'Timers cancelled at their due time because their event no longer meets a known contract, by event type.',
      labelNames: ['type'],
      registers: [registry],
    });
  }
}
