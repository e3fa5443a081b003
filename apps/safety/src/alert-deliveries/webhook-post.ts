import { lookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { isPublicAddress, privateHostOf } from '../domain/alert-deliveries';

export interface PostSettings {
  timeoutMs: number;
  /** Endpoints on this machine or a private network (tests, a receiver beside the service). */
  allowPrivateAddresses: boolean;
}

/**
 * Resolves a name as Node does and refuses it when any of its addresses is not public. Node
 * connects to the address this returns, so a name that answers differently from one lookup to the
 * next (DNS rebinding) cannot slip a private address past the check.
 */
const publicOnly: LookupFunction = (hostname, options, callback) => {
  lookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    const refused = addresses.find((a) => !isPublicAddress(a.address));
    if (refused) return callback(Object.assign(new Error(`${hostname} resolves to ${refused.address}, not a public address`), { code: 'ENOTPUBLIC' }), '', 0);
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
};

/**
 * One POST of an alert; undefined when the endpoint took it (2xx), else why not. Redirects are not
 * followed (one could take the signed alert elsewhere), and the answer's body is not read.
 * Node's http client rather than fetch: it takes the lookup above, which fetch does not.
 */
export async function postAlert(target: string, body: string, headers: Record<string, string>, settings: PostSettings): Promise<string | undefined> {
  try {
    return await post(target, body, headers, settings);
  } catch (error) {
    // A URL or option Node refuses before sending: an attempt that failed, recorded like any other.
    return `the request failed: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
  }
}

function post(target: string, body: string, headers: Record<string, string>, { timeoutMs, allowPrivateAddresses }: PostSettings): Promise<string | undefined> {
  const url = new URL(target);
  // An address in the URL itself is never looked up.
  const privateHost = allowPrivateAddresses ? undefined : privateHostOf(target);
  if (privateHost) return Promise.resolve(`${privateHost} is not a public address`);
  const aborted = new AbortController();
  const timer = setTimeout(() => aborted.abort(), timeoutMs);
  return new Promise<string | undefined>((resolve) => {
    const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
        signal: aborted.signal,
        lookup: allowPrivateAddresses ? (lookup as LookupFunction) : publicOnly,
      },
      (response) => {
        const status = response.statusCode ?? 0;
        response.on('error', () => undefined);
        response.destroy();
        resolve(status >= 200 && status < 300 ? undefined : `the endpoint answered ${status}`);
      },
    );
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (aborted.signal.aborted) return resolve(`no answer within ${timeoutMs} ms`);
      resolve(error.code === 'ENOTPUBLIC' ? error.message : `the request failed: ${error.code ?? error.name}`);
    });
    request.end(body);
  }).finally(() => clearTimeout(timer));
}
