import type { ProtocolDefinition } from '@trialstream/contracts';
import type { Caller, PlatformClient } from './platform-client';

/** Ids the registry accepts (NCT and eight digits) in a range ClinicalTrials.gov has not reached, kept for rehearsals. */
const FIRST_COPY = 99_000_001;

/**
 * Registers a copy of the trial to rehearse on: its ClinicalTrials.gov record under a free id of
 * the rehearsal range, not yet recruiting, with its newest protocol version (the enrollment target
 * lowered for a shorter run). The trial itself is left as it is, and every run starts afresh.
 */
export async function simulatedCopy(client: PlatformClient, as: Caller, sourceTrial: string, seed: number, subjects?: number): Promise<{ trialId: string; protocol: ProtocolDefinition }> {
  const source = await client.get<{ briefTitle: string; registryRecord: StudyRecord | null }>('registry', `/trials/${sourceTrial}`, as);
  if (!source.registryRecord) throw new Error(`${sourceTrial} has no ClinicalTrials.gov record to copy; import it first`);
  const versions = await client.all<{ protocol: ProtocolDefinition }>('registry', `/trials/${sourceTrial}/protocol-versions`, as);
  if (!versions.length) throw new Error(`${sourceTrial} has no protocol version to rehearse`);
  const { version: _version, ...draft } = versions[versions.length - 1].protocol;
  const enrollmentTarget = Math.min(subjects ?? draft.enrollmentTarget, draft.enrollmentTarget);

  const taken = new Set((await client.all<{ trialId: string }>('registry', '/trials', as)).map((t) => t.trialId));
  let number = FIRST_COPY;
  while (taken.has(`NCT${number}`)) number++;
  const trialId = `NCT${number}`;

  const record = structuredClone(source.registryRecord);
  record.protocolSection.identificationModule = { ...record.protocolSection.identificationModule, nctId: trialId, briefTitle: `Simulation (seed ${seed}) of ${sourceTrial}: ${source.briefTitle}` };
  record.protocolSection.statusModule = { ...record.protocolSection.statusModule, overallStatus: 'NOT_YET_RECRUITING' };
  await client.post('registry', '/trials/import', record, as);
  const published = await client.post<{ version: number }>('registry', `/trials/${trialId}/protocol-versions`, { ...draft, enrollmentTarget }, as);
  return { trialId, protocol: { ...draft, enrollmentTarget, version: published.version } };
}

interface StudyRecord {
  protocolSection: { identificationModule: Record<string, unknown>; statusModule: Record<string, unknown> } & Record<string, unknown>;
}
