/** Who a request is made as: the token's role, holder and, for a site, its sites. */
export interface Caller {
  role: string;
  subject: string;
  sites?: string[];
}

/** Signs a bearer token for a caller (the local key on a developer machine; the test key in tests). */
export type TokenSigner = (caller: Caller) => Promise<string>;

export type ServiceName = 'registry' | 'enrollment' | 'infusion' | 'safety';
export type ServiceUrls = Record<ServiceName, string>;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${what}: ${status} ${JSON.stringify(body)}`);
  }
}

const PAGE = 200;

/** The platform's HTTP APIs, each request with a token of the caller's role. */
export class PlatformClient {
  private readonly tokens = new Map<string, Promise<string>>();

  constructor(
    readonly urls: ServiceUrls,
    private readonly sign: TokenSigner,
  ) {}

  async get<T>(service: ServiceName, path: string, as: Caller): Promise<T> {
    return this.send<T>(service, 'GET', path, undefined, as);
  }

  async post<T>(service: ServiceName, path: string, body: unknown, as: Caller): Promise<T> {
    return this.send<T>(service, 'POST', path, body, as);
  }

  /** Every item of a paged list. */
  async all<T>(service: ServiceName, path: string, as: Caller): Promise<T[]> {
    const items: T[] = [];
    const join = path.includes('?') ? '&' : '?';
    for (let offset = 0; ; offset += PAGE) {
      const page = await this.get<{ items: T[]; total: number }>(service, `${path}${join}limit=${PAGE}&offset=${offset}`, as);
      items.push(...page.items);
      if (items.length >= page.total || !page.items.length) return items;
    }
  }

  private async send<T>(service: ServiceName, method: string, path: string, body: unknown, as: Caller): Promise<T> {
    const key = JSON.stringify(as);
    if (!this.tokens.has(key)) this.tokens.set(key, this.sign(as));
    const response = await fetch(`${this.urls[service]}${path}`, {
      method,
      headers: { authorization: `Bearer ${await this.tokens.get(key)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).catch((error: Error) => {
      throw new Error(`${service} does not answer at ${this.urls[service]} (${error.message}): is the platform up (npm run up)?`);
    });
    const text = await response.text();
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    if (!response.ok) throw new HttpError(response.status, parsed, `${method} ${service}${path}`);
    return parsed as T;
  }
}

/** Polls until `probe` gives a value; fails naming what it waited for. */
export async function waitUntil<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 120_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * A command whose prerequisite travels as an event (the subject's enrollment reaching safety, the
 * treatment's completion reaching the assessments) is a 409 until it arrives: try again until then.
 */
export async function onceArrived<T>(what: string, command: () => Promise<T>, timeoutMs = 120_000): Promise<T> {
  let last: unknown;
  return waitUntil(what, async () => {
    try {
      return await command();
    } catch (error) {
      if (!(error instanceof HttpError) || error.status !== 409) throw error;
      last = error;
      return undefined;
    }
  }, timeoutMs, 200).catch((error: Error) => {
    throw new Error(`${error.message}; last answer: ${(last as Error | undefined)?.message}`);
  });
}
