// The patch in patches/kafkajs+2.2.4.patch (kafkajs issue #1556): without it every broker connection
// re-arms a 1 ms timer for ever once a request has completed, idle or not.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const RequestQueue = require('kafkajs/src/network/requestQueue');

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

function requestQueue() {
  return new RequestQueue({ maxInFlightRequests: 1, requestTimeout: 30_000, enforceRequestTimeout: true, clientId: 'test', broker: 'localhost:9092', logger: quiet });
}

describe('kafkajs request queue (patched)', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('arms no timer once nothing is pending and no throttle is in force', () => {
    const queue = requestQueue();
    queue.checkPendingRequests(); // what a fulfilled request does
    expect(jest.getTimerCount()).toBe(0);
  });

  it('still checks again when the broker throttles a pending request', () => {
    const queue = requestQueue();
    queue.throttledUntil = Date.now() + 50;
    queue.pending.push({ send: jest.fn() });
    queue.scheduleCheckPendingRequests();
    expect(jest.getTimerCount()).toBe(1);
  });
});
