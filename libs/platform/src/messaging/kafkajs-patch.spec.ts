// The patch in patches/kafkajs+2.2.4.patch. Without it every broker connection re-arms a 1 ms timer
// for ever once a request has completed, idle or not (kafkajs issue #1556), and its sockets keep
// Nagle's algorithm, which held a request behind the previous one's acknowledgement.
import { createServer, Socket, type AddressInfo } from 'node:net';
const RequestQueue = require('kafkajs/src/network/requestQueue');
const socketFactory = require('kafkajs/src/network/socketFactory');

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

function requestQueue() {
  return new RequestQueue({ maxInFlightRequests: 1, requestTimeout: 30_000, enforceRequestTimeout: true, clientId: 'test', broker: 'localhost:9092', logger: quiet });
}

describe('kafkajs, as patched', () => {
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

  it('opens broker connections with Nagle off', async () => {
    jest.useRealTimers();
    const server = createServer((socket) => socket.end());
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    const noDelay = jest.spyOn(Socket.prototype, 'setNoDelay');
    try {
      const socket: Socket = socketFactory()({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, onConnect: () => undefined });
      expect(noDelay).toHaveBeenCalledWith(true);
      socket.destroy();
    } finally {
      noDelay.mockRestore();
      await new Promise((closed) => server.close(closed));
    }
  });
});
