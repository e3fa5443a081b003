import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { postAlert } from './webhook-post';

// Names this test resolves itself: one that points at this machine, one with a public and a private address.
jest.mock('node:dns', () => {
  const actual = jest.requireActual('node:dns');
  const answers: Record<string, { address: string; family: number }[]> = {
    'rebound.test': [{ address: '127.0.0.1', family: 4 }],
    'mixed.test': [{ address: '8.8.8.8', family: 4 }, { address: '10.0.0.7', family: 4 }],
  };
  return {
    ...actual,
    lookup: (hostname: string, options: object, callback: (...args: unknown[]) => void) =>
      answers[hostname] ? callback(null, answers[hostname]) : actual.lookup(hostname, options, callback),
  };
});

describe('postAlert, against an endpoint on this machine', () => {
  const received: { headers: IncomingMessage['headers']; body: string }[] = [];
  let answer: (respond: (status: number) => void) => void;
  let server: Server;
  let port: number;

  beforeAll(async () => {
    server = createServer(async (req, res) => {
      let body = '';
      for await (const chunk of req) body += chunk;
      received.push({ headers: req.headers, body });
      answer((status) => res.writeHead(status).end('answer'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => {
    received.length = 0;
    answer = (respond) => respond(204);
  });

  const allowed = { timeoutMs: 500, allowPrivateAddresses: true };
  const publicOnly = { timeoutMs: 500, allowPrivateAddresses: false };
  const headers = { 'Content-Type': 'application/json', 'Idempotency-Key': 'a-1' };

  it('posts the body with its headers where private addresses are allowed, and names a refusal or a silence', async () => {
    expect(await postAlert(`http://127.0.0.1:${port}/alerts`, '{"alertId":"a-1"}', headers, allowed)).toBeUndefined();
    expect(received).toEqual([{ headers: expect.objectContaining({ 'content-type': 'application/json', 'idempotency-key': 'a-1', 'content-length': '17' }), body: '{"alertId":"a-1"}' }]);

    answer = (respond) => respond(503);
    expect(await postAlert(`http://127.0.0.1:${port}/alerts`, '{}', headers, allowed)).toBe('the endpoint answered 503');
    answer = (respond) => respond(302);
    expect(await postAlert(`http://127.0.0.1:${port}/alerts`, '{}', headers, allowed)).toBe('the endpoint answered 302');
    answer = (respond) => setTimeout(() => respond(200), 1500).unref();
    expect(await postAlert(`http://127.0.0.1:${port}/alerts`, '{}', headers, allowed)).toBe('no answer within 500 ms');
    // Refused by Node before anything is sent: a failed attempt too, not an error of the worker's pass.
    expect(await postAlert('ftp://127.0.0.1/alerts', '{}', headers, allowed)).toBe('the request failed: ERR_INVALID_PROTOCOL');
  });

  it('refuses this machine and private networks otherwise, named outright or by a name that resolves to one', async () => {
    expect(await postAlert(`http://127.0.0.1:${port}/alerts`, '{}', headers, publicOnly)).toBe('127.0.0.1 is not a public address');
    expect(await postAlert(`http://localhost:${port}/alerts`, '{}', headers, publicOnly)).toBe('localhost is not a public address');
    expect(await postAlert('https://169.254.169.254/latest/meta-data', '{}', headers, publicOnly)).toBe('169.254.169.254 is not a public address');
    expect(await postAlert(`http://rebound.test:${port}/alerts`, '{}', headers, publicOnly)).toBe('rebound.test resolves to 127.0.0.1, not a public address');
    expect(await postAlert(`https://mixed.test/alerts`, '{}', headers, publicOnly)).toBe('mixed.test resolves to 10.0.0.7, not a public address');
    expect(received).toEqual([]);
    // The same name, where private addresses are allowed, reaches the endpoint.
    expect(await postAlert(`http://rebound.test:${port}/alerts`, '{}', headers, allowed)).toBeUndefined();
    expect(received).toHaveLength(1);
  });
});
