import { trialBundle } from './fhir/bundle';
import type { Bundle } from './fhir/resources';
import type { RegisteredTrial, SafetyCase, SubjectInfusion, TrialSubject } from './sources';

/** Where the services answer, and the bearer token (a role that reads records, e.g. data-manager) to ask them with. */
export interface ServiceEndpoints {
  registry: string;
  enrollment: string;
  infusionTracking: string;
  safety: string;
  token: string;
}

const PAGE = 200;

async function getJson<T>(base: string, path: string, token: string): Promise<T> {
  const response = await fetch(new URL(path, base), { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

async function everyPage<T>(base: string, path: string, token: string): Promise<T[]> {
  const items: T[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await getJson<{ items: T[]; total: number }>(base, `${path}?limit=${PAGE}&offset=${offset}`, token);
    items.push(...page.items);
    if (items.length >= page.total || page.items.length === 0) return items;
  }
}

/** Reads a trial, its subjects, their infusions and its adverse-event cases (each with its versions) from the services' HTTP APIs, and exports them as a FHIR R5 Bundle. */
export async function collectTrialBundle(endpoints: ServiceEndpoints, trialId: string): Promise<Bundle> {
  const { registry, enrollment, infusionTracking, safety, token } = endpoints;
  const trialPath = `/trials/${encodeURIComponent(trialId)}`;
  const [trial, subjects, caseList] = await Promise.all([
    getJson<RegisteredTrial>(registry, trialPath, token),
    everyPage<TrialSubject>(enrollment, `${trialPath}/subjects`, token),
    everyPage<{ caseId: string }>(safety, `${trialPath}/cases`, token),
  ]);
  const cases: SafetyCase[] = [];
  for (const { caseId } of caseList) cases.push(await getJson<SafetyCase>(safety, `${trialPath}/cases/${encodeURIComponent(caseId)}`, token));
  const infusions: Record<string, SubjectInfusion[]> = {};
  for (const { subjectId } of subjects.filter((s) => s.enrollmentNumber !== null)) {
    infusions[subjectId] = await getJson<SubjectInfusion[]>(infusionTracking, `${trialPath}/subjects/${encodeURIComponent(subjectId)}/infusions`, token);
  }
  return trialBundle({ trial, subjects, infusions, cases });
}
