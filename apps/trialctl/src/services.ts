import { CONSUMING_SERVICES, type ConsumingService } from '@trialstream/contracts';
import { CliError, EXIT } from './exit-codes';

/** The local ports `npm run up` starts the services on (infra/scripts/services.sh). */
const LOCAL_PORTS: Record<ConsumingService, number> = { registry: 3001, enrollment: 3002, 'infusion-tracking': 3003, safety: 3004 };

const urlEnv = (service: ConsumingService) => `TRIALSTREAM_${service.toUpperCase().replace(/-/g, '_')}_URL`;

/** --<service>-url for each service and --token, for the commands that call the services over HTTP. */
export const serviceOptions = {
  ...Object.fromEntries(
    CONSUMING_SERVICES.map((service) => [
      `${service}-url`,
      { type: 'string', default: process.env[urlEnv(service)] ?? `http://127.0.0.1:${LOCAL_PORTS[service]}`, describe: `The ${service} service (env ${urlEnv(service)})` },
    ]),
  ),
  token: { type: 'string', default: process.env.TRIALSTREAM_TOKEN, defaultDescription: 'env TRIALSTREAM_TOKEN', describe: 'Bearer token (e.g. from trialctl token)' },
} as const;

export interface ServiceArgs {
  token?: string;
  [option: string]: unknown;
}

/** A service answered with an error status. */
export class ServiceRefusal extends CliError {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message, EXIT.refusedByService);
  }
}

/** Calls the services' HTTP APIs with the bearer token; what goes wrong becomes an exit status. */
export class ServiceClient {
  constructor(private readonly args: ServiceArgs) {
    if (!args.token) throw new CliError('a bearer token is needed: --token or TRIALSTREAM_TOKEN (npm run -s token -- --role <role>)', EXIT.usage);
  }

  url(service: ConsumingService): string {
    return String(this.args[`${service}-url`]);
  }

  async get<T>(service: ConsumingService, path: string): Promise<T> {
    return this.call<T>(service, 'GET', path);
  }

  /** Every item of a paged list (the services' `?limit=&offset=`), page after page. */
  async getAll<T>(service: ConsumingService, path: string): Promise<T[]> {
    const items: T[] = [];
    const separator = path.includes('?') ? '&' : '?';
    for (;;) {
      const page = await this.get<{ items: T[]; total: number }>(service, `${path}${separator}limit=200&offset=${items.length}`);
      items.push(...page.items);
      if (page.items.length === 0 || items.length >= page.total) return items;
    }
  }

  async post<T>(service: ConsumingService, path: string): Promise<T> {
    return this.call<T>(service, 'POST', path);
  }

  /** A document that is not JSON (an E2B message), as the service sends it. */
  getText(service: ConsumingService, path: string, accept: string): Promise<string> {
    return this.fetchBody(service, 'GET', path, accept);
  }

  private async call<T>(service: ConsumingService, method: string, path: string): Promise<T> {
    return JSON.parse(await this.fetchBody(service, method, path, 'application/json')) as T;
  }

  private async fetchBody(service: ConsumingService, method: string, path: string, accept: string): Promise<string> {
    const url = `${this.url(service)}${path}`;
    let response: Response;
    try {
      response = await fetch(url, { method, headers: { authorization: `Bearer ${this.args.token}`, accept } });
    } catch (error) {
      throw new CliError(`${service} is unreachable at ${this.url(service)}: ${((error as Error).cause as Error | undefined)?.message ?? (error as Error).message}`, EXIT.unreachable);
    }
    const body = await response.text();
    if (!response.ok) throw new ServiceRefusal(`${service} refused ${method} ${path}: ${response.status} ${refusalOf(body)}`, response.status);
    return body;
  }
}

/** The service's own words (its message names the field and rule of a violation), else the body as given. */
function refusalOf(body: string): string {
  try {
    const { message } = JSON.parse(body) as { message?: unknown };
    return typeof message === 'string' ? message : body;
  } catch {
    return body;
  }
}
