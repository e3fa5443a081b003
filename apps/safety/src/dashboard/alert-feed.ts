import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type BeforeApplicationShutdown, type MessageEvent, type OnApplicationBootstrap } from '@nestjs/common';
import { KafkaConnection } from '@trialstream/platform';
import type { Consumer } from 'kafkajs';
import { filter, interval, map, merge, of, ReplaySubject, Subject, takeUntil, type Observable } from 'rxjs';
import { TOPICS } from '@trialstream/contracts';
import { raisedAlertOf, type RaisedAlert } from './raised-alert';

/** Often enough that proxies and load balancers (commonly idle for 60 s at most) keep a quiet stream open. */
const HEARTBEAT_MS = 15_000;

/**
 * The alerts topic, as it arrives, for the browsers connected to this instance. Each instance reads
 * every alert in a consumer group of its own, from the end of the topic at start; it commits no
 * offsets, so a group left behind holds nothing and the broker removes it once it is empty.
 */
@Injectable()
export class AlertFeed implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('AlertFeed');
  private readonly raised = new Subject<RaisedAlert>();
  /** Replays its signal, so a stream asked for while the service shuts down ends at once too. */
  private readonly closing = new ReplaySubject<void>(1);
  private consumer?: Consumer;

  constructor(private readonly kafka: KafkaConnection) {}

  async onApplicationBootstrap(): Promise<void> {
    const groupId = `${this.kafka.settings.topicPrefix}trialstream.safety.alert-feed.${randomUUID()}`;
    this.consumer = this.kafka.consumer(groupId);
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.kafka.topic(TOPICS.safetyAlerts), fromBeginning: false });
    await this.consumer.run({
      autoCommit: false,
      eachMessage: async ({ message }) => {
        const alert = raisedAlertOf(message.value);
        if (alert) this.raised.next(alert);
        else this.logger.warn({ message: 'skipped a message on the alerts topic that is not a SafetyAlertRaised it can read', offset: message.offset });
      },
    });
    this.logger.log({ message: 'feeding alert streams', groupId });
  }

  /** Server-sent events for one trial: a comment at once (so the answer starts), each alert as it is raised, and a heartbeat comment. */
  streamOf(trialId: string): Observable<MessageEvent> {
    return merge(
      of({ comment: 'connected' }),
      interval(HEARTBEAT_MS).pipe(map(() => ({ comment: 'heartbeat' }))),
      this.raised.pipe(
        filter((raised) => raised.trialId === trialId),
        map(({ alert }) => ({ type: 'alert', id: alert.alertId, data: alert })),
      ),
    ).pipe(takeUntil(this.closing));
  }

  /** Open streams end first, or the HTTP server would wait for them on shutdown. */
  async beforeApplicationShutdown(): Promise<void> {
    this.closing.next();
    this.closing.complete();
    this.raised.complete();
    this.logger.log({ message: 'alert streams ended; disconnecting the alert feed' });
    try {
      await this.consumer?.disconnect();
      this.logger.log({ message: 'alert feed disconnected' });
    } catch (error) {
      // The feed commits nothing and its group is its own: the broker drops it once the session lapses.
      this.logger.warn({ message: 'the alert feed did not disconnect cleanly; stopping anyway', error: (error as Error).message });
    }
  }
}
