import { calendarDateIn } from '@trialstream/contracts';
import type { PasiResponse } from '../chart';
import type { PlatformReadings } from '../summary';
import { DATA_MANAGER } from './callers';
import type { PlatformClient } from './platform-client';

type Readings = Omit<PlatformReadings, 'today' | 'timeZone'>;

/** Everything the summary counts, read from the four services' APIs as a data manager. */
export async function readPlatform(client: PlatformClient, trialId: string, timeZone: string, now: Date): Promise<PlatformReadings & { responses: PasiResponse[] }> {
  const trial = `/trials/${trialId}`;
  const subjects = await client.all<Readings['subjects'][number]>('enrollment', `${trial}/subjects`, DATA_MANAGER);
  const enrolled = subjects.filter((s) => s.enrollmentNumber !== null).map((s) => s.subjectId);
  const perSubject = await Promise.all(
    enrolled.map(async (subjectId) => {
      const path = `${trial}/subjects/${subjectId}`;
      const [visits, followUps, responses] = await Promise.all([
        client.get<Readings['visits'][string]>('infusion', `${path}/visits`, DATA_MANAGER),
        client.get<Readings['followUps'][string]>('infusion', `${path}/follow-up-visits`, DATA_MANAGER),
        client.get<{ instrument: string; response: Omit<PasiResponse, 'subjectId'> }[]>('infusion', `${path}/responses`, DATA_MANAGER),
      ]);
      const pasi = responses.find((r) => r.instrument === 'PASI');
      return { subjectId, visits, followUps, response: pasi ? { subjectId, ...pasi.response } : undefined };
    }),
  );
  const caseList = await client.all<{ caseId: string }>('safety', `${trial}/cases`, DATA_MANAGER);
  const cases = await Promise.all(caseList.map(({ caseId }) => client.get<Readings['cases'][number]>('safety', `${trial}/cases/${caseId}`, DATA_MANAGER)));
  return {
    trialStatus: (await client.get<{ overallStatus: string }>('registry', trial, DATA_MANAGER)).overallStatus,
    subjects,
    visits: Object.fromEntries(perSubject.map((s) => [s.subjectId, s.visits])),
    followUps: Object.fromEntries(perSubject.map((s) => [s.subjectId, s.followUps])),
    deviations: await client.all('infusion', `${trial}/deviations`, DATA_MANAGER),
    assessmentSummary: await client.get('infusion', `${trial}/assessment-summary`, DATA_MANAGER),
    cases,
    alerts: await client.all('safety', `${trial}/alerts`, DATA_MANAGER),
    holds: await client.all('safety', `${trial}/dosing-holds`, DATA_MANAGER),
    responses: perSubject.flatMap((s) => (s.response ? [s.response] : [])),
    today: calendarDateIn(now, timeZone),
    timeZone,
  };
}
