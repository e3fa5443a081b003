import { limitShutdown } from './shutdown-limit';

describe('the limit on a stop', () => {
  const listeners = () => process.listenerCount('SIGTERM') + process.listenerCount('SIGINT');
  let exit: jest.SpyInstance;

  beforeEach(() => {
    jest.useFakeTimers();
    exit = jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
  });

  afterEach(() => {
    process.removeAllListeners('SIGTERM');
    process.removeAllListeners('SIGINT');
    exit.mockRestore();
    jest.useRealTimers();
  });

  it('ends the process with exit code 1, saying so, once the stop has run longer than the limit', () => {
    const logger = { fatal: jest.fn() };
    limitShutdown(25_000, logger);
    process.emit('SIGTERM');
    jest.advanceTimersByTime(24_999);
    expect(exit).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(exit).toHaveBeenCalledWith(1);
    expect(logger.fatal).toHaveBeenCalledWith(expect.objectContaining({ message: 'still stopping 25000 ms after SIGTERM: exiting without waiting for the rest' }));
  });

  it('arms nothing before a signal, and leaves no listener of the signal received (Nest re-raises it to end the process)', () => {
    const before = listeners();
    limitShutdown(1_000, { fatal: jest.fn() });
    expect(jest.getTimerCount()).toBe(0);
    process.emit('SIGINT');
    expect(process.listenerCount('SIGINT')).toBe(0);
    expect(listeners()).toBe(before + 1);
    expect(jest.getTimerCount()).toBe(1);
  });
});
