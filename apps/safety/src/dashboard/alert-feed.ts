import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type BeforeApplicationShutdown, type MessageEvent, type OnApplicationBootstrap } from '@nestjs/common';
import { KafkaConnection } from '@trialstream/platform';
import type { Consumer } from 'kafkajs';
import { filter, interval, map, merge, Observable, of, ReplaySubject, Subject, takeUntil } from 'rxjs';
import { TOPICS, type SafetyAlertRaisedPayload } from '@trialstream/contracts';
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

  /**
   * Server-sent events for one trial: a comment at once (so the answer starts), each alert as it is
   * raised, and a heartbeat comment. Given the alerts a reconnecting client missed, those come first.
   */
  streamOf(trialId: string, missed?: () => Promise<SafetyAlertRaisedPayload[]>): Observable<MessageEvent> {
    const live = this.raised.pipe(
      filter((raised) => raised.trialId === trialId),
      map(({ alert }) => alert),
    );
    return merge(
      of({ comment: 'connected' }),
      interval(HEARTBEAT_MS).pipe(map(() => ({ comment: 'heartbeat' }))),
      (missed ? resumed(live, missed) : live).pipe(map((alert) => ({ type: 'alert', id: alert.alertId, data: alert }))),
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

/**
 * The alerts a client missed, then the live ones. The live feed is followed before the missed ones
 * are read, so none raised in between is lost: live alerts wait until the missed ones are sent, and
 * one that is both is sent once.
 */
export function resumed(live: Observable<SafetyAlertRaisedPayload>, missed: () => Promise<SafetyAlertRaisedPayload[]>): Observable<SafetyAlertRaisedPayload> {
  return new Observable((subscriber) => {
    let waiting: SafetyAlertRaisedPayload[] | undefined = [];
    const replayed = new Set<string>();
    const pass = (alert: SafetyAlertRaisedPayload) => {
      if (!replayed.has(alert.alertId)) subscriber.next(alert);
    };
    const following = live.subscribe({ next: (alert) => (waiting ? waiting.push(alert) : pass(alert)), error: (error) => subscriber.error(error) });
    missed().then(
      (alerts) => {
        for (const alert of alerts) {
          replayed.add(alert.alertId);
          subscriber.next(alert);
        }
        const held = waiting ?? [];
        waiting = undefined;
        held.forEach(pass);
      },
      (error) => subscriber.error(error),
    );
    return () => following.unsubscribe();
  });
}
