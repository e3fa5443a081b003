import { trialBundle } from './fhir/bundle';
import type { Bundle } from './fhir/resources';
import type { RegisteredTrial, SafetyCase, SubjectInfusion, TrialSubject } from './sources';

type Service = 'registry' | 'enrollment' | 'infusion-tracking' | 'safety';

/** Reads the services' HTTP APIs: one resource, or every item of a paged list (`?limit=&offset=`). trialctl's client is one. */
export interface ServiceReader {
  get<T>(service: Service, path: string): Promise<T>;
  getAll<T>(service: Service, path: string): Promise<T[]>;
}

/** Where the services answer, and the bearer token (a role that reads records, e.g. data-manager) to ask them with. */
export type ServiceEndpoints = Record<Service, string> & { token: string };

const PAGE = 200;

/** A reader over plain fetch; a refusal or failure throws with the path and the service's answer. */
export function httpReader(endpoints: ServiceEndpoints): ServiceReader {
  const get = async <T>(service: Service, path: string): Promise<T> => {
    const response = await fetch(new URL(path, endpoints[service]), { headers: { authorization: `Bearer ${endpoints.token}`, accept: 'application/json' } });
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  };
  return {
    get,
    async getAll<T>(service: Service, path: string): Promise<T[]> {
      const items: T[] = [];
      for (;;) {
        const page = await get<{ items: T[]; total: number }>(service, `${path}?limit=${PAGE}&offset=${items.length}`);
        items.push(...page.items);
        if (items.length >= page.total || page.items.length === 0) return items;
      }
    },
  };
}

/** Reads a trial, its subjects, their infusions and its adverse-event cases (each with its versions) from the services' HTTP APIs, and exports them as a FHIR R5 Bundle. */
export async function collectTrialBundle(api: ServiceReader, trialId: string): Promise<Bundle> {
  const trialPath = `/trials/${encodeURIComponent(trialId)}`;
  const [trial, subjects, caseList] = await Promise.all([
    api.get<RegisteredTrial>('registry', trialPath),
    api.getAll<TrialSubject>('enrollment', `${trialPath}/subjects`),
    api.getAll<{ caseId: string }>('safety', `${trialPath}/cases`),
  ]);
  const cases: SafetyCase[] = [];
  for (const { caseId } of caseList) cases.push(await api.get<SafetyCase>('safety', `${trialPath}/cases/${encodeURIComponent(caseId)}`));
  const infusions: Record<string, SubjectInfusion[]> = {};
  for (const { subjectId } of subjects.filter((s) => s.enrollmentNumber !== null)) {
    infusions[subjectId] = await api.get<SubjectInfusion[]>('infusion-tracking', `${trialPath}/subjects/${encodeURIComponent(subjectId)}/infusions`);
  }
  return trialBundle({ trial, subjects, infusions, cases });
}
