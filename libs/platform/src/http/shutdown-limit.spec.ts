import { limitShutdown, STOP_SIGNALS } from './shutdown-limit';

describe('the limit on a stop', () => {
  const listenersOf = () => STOP_SIGNALS.map((signal) => process.listeners(signal));
  let before: ReturnType<typeof listenersOf>;
  let exit: jest.SpyInstance;

  beforeEach(() => {
    jest.useFakeTimers();
    before = listenersOf();
    exit = jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
  });

  afterEach(() => {
    // Only what the test added: jest's worker has listeners of its own.
    STOP_SIGNALS.forEach((signal, i) => process.listeners(signal).filter((l) => !before[i].includes(l)).forEach((l) => process.removeListener(signal, l)));
    exit.mockRestore();
    jest.useRealTimers();
  });

  it('ends the process with exit code 1, saying so, once the stop has run longer than the limit', () => {
    const logger = { fatal: jest.fn() };
    limitShutdown(25_000, logger);
    process.emit('SIGTERM', 'SIGTERM'); // as Node does: the name is the argument
    jest.advanceTimersByTime(24_999);
    expect(exit).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(exit).toHaveBeenCalledWith(1);
    expect(logger.fatal).toHaveBeenCalledWith(expect.objectContaining({ message: 'still stopping 25000 ms after SIGTERM: exiting without waiting for the rest' }));
  });

  it('arms nothing before a signal, then one timer for the first signal only', () => {
    limitShutdown(1_000, { fatal: jest.fn() });
    expect(jest.getTimerCount()).toBe(0);
    expect(listenersOf().map((l) => l.length)).toEqual(before.map((l) => l.length + 1));
    process.emit('SIGHUP', 'SIGHUP');
    process.emit('SIGTERM', 'SIGTERM'); // within the second: the same stop
    expect(jest.getTimerCount()).toBe(1);
    expect(listenersOf().map((l) => l.length)).toEqual(before.map((l) => l.length + 1));
    expect(exit).not.toHaveBeenCalled();
  });

  it('ends the process at once with exit code 1 on a stop signal a second after the first, which Nest would ignore while its hooks run', () => {
    const logger = { fatal: jest.fn() };
    limitShutdown(25_000, logger);
    process.emit('SIGINT', 'SIGINT');
    jest.advanceTimersByTime(999);
    process.emit('SIGINT', 'SIGINT'); // the same Ctrl-C, passed on by npm
    expect(exit).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    process.emit('SIGTERM', 'SIGTERM');
    expect(exit).toHaveBeenCalledTimes(1);
    expect(exit).toHaveBeenCalledWith(1);
    expect(logger.fatal).toHaveBeenCalledWith(expect.objectContaining({ message: 'SIGTERM again while stopping: exiting without waiting for the rest' }));
  });

  it('keeps the process alive while it waits, so a stop waiting on nothing ends with the fatal line rather than a silent exit 0', () => {
    const timeouts = jest.spyOn(global, 'setTimeout');
    limitShutdown(1_000, { fatal: jest.fn() });
    process.emit('SIGQUIT', 'SIGQUIT');
    expect(timeouts).toHaveBeenCalledTimes(1);
    expect((timeouts.mock.results[0].value as NodeJS.Timeout).hasRef()).toBe(true);
    timeouts.mockRestore();
  });
});
