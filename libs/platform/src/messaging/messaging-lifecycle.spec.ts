import { Logger } from '@nestjs/common';
import type { ConfigService } from '@nestjs/config';
import type { ServiceEnv } from '../config/service-env';
import type { TimerScheduler } from '../timers/timer-scheduler';
import type { KafkaEventTransport } from './event-transport';
import type { MessagingHousekeeping } from './housekeeping';
import type { KafkaConnection } from './kafka-connection';
import { MessagingLifecycle } from './messaging-lifecycle';
import type { OutboxRelay } from './outbox-relay';

describe('MessagingLifecycle on SIGTERM', () => {
  const steps: string[] = [];
  const step = (name: string, failure?: Error) => async () => {
    steps.push(name);
    if (failure) throw failure;
  };
  const lifecycle = (failing: Partial<Record<'transport' | 'timers' | 'relay' | 'kafka', Error>> = {}) =>
    new MessagingLifecycle(
      { disconnect: step('kafka disconnected', failing.kafka) } as unknown as KafkaConnection,
      { stop: step('outbox flushed', failing.relay) } as unknown as OutboxRelay,
      { close: step('consuming stopped', failing.transport) } as unknown as KafkaEventTransport,
      { stop: () => steps.push('housekeeping stopped') } as unknown as MessagingHousekeeping,
      { stop: step('timers stopped', failing.timers) } as unknown as TimerScheduler,
      { get: () => true } as unknown as ConfigService<ServiceEnv, true>,
    );

  beforeEach(() => {
    steps.length = 0;
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => jest.restoreAllMocks());

  it('stops consuming, then the timers, flushes the outbox and lets go of Kafka, in that order', async () => {
    await lifecycle().beforeApplicationShutdown();
    expect(steps).toEqual(['housekeeping stopped', 'consuming stopped', 'timers stopped', 'outbox flushed', 'kafka disconnected']);
  });

  it('still flushes the outbox and disconnects when stopping the transport fails, and has the process exit 1 once every hook has run', async () => {
    const onExit = jest.spyOn(process, 'once').mockImplementation(() => process);
    await lifecycle({ transport: new Error('the group coordinator is gone'), kafka: new Error('a later failure') }).beforeApplicationShutdown();
    expect(steps).toEqual(['housekeeping stopped', 'consuming stopped', 'timers stopped', 'outbox flushed', 'kafka disconnected']);
    expect(Logger.prototype.error).toHaveBeenCalledWith(expect.objectContaining({ message: 'stopping: stopping the transport failed; going on with the rest', error: 'the group coordinator is gone' }));
    expect(Logger.prototype.error).toHaveBeenCalledWith(expect.objectContaining({ message: 'stopping: disconnecting from Kafka failed; going on with the rest' }));

    expect(onExit).toHaveBeenCalledWith('exit', expect.any(Function));
    const setExitCode = onExit.mock.calls[0][1] as () => void;
    try {
      setExitCode();
      expect(process.exitCode).toBe(1);
    } finally {
      process.exitCode = 0;
    }
  });

  it('leaves the exit code alone when every step succeeds', async () => {
    const onExit = jest.spyOn(process, 'once');
    await lifecycle().beforeApplicationShutdown();
    expect(onExit).not.toHaveBeenCalledWith('exit', expect.anything());
  });
});
