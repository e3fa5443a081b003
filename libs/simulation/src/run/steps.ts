import type { PlannedStep, SimulationPlan } from '../plan/trial-plan';
import { atSite, DATA_MANAGER, MONITOR, SPONSOR } from './callers';
import { onceArrived, waitUntil, type PlatformClient } from './platform-client';

/** One step of the plan, as the role that takes it, once what it needs has arrived. */
export async function perform(client: PlatformClient, trialId: string, plan: SimulationPlan, step: PlannedStep): Promise<void> {
  const subject = `/trials/${trialId}/subjects/${step.subjectId}`;
  const site = atSite(plan.siteId, 'research nurse');
  switch (step.kind) {
    case 'infusion':
      await client.post('infusion', `${subject}/infusions`, step.report, site);
      return;
    case 'adverse-event':
      await onceArrived(`safety to know ${step.subjectId}`, () => client.post('safety', `/trials/${trialId}/adverse-event-reports`, step.report, SPONSOR));
      return;
    case 'hold-review':
      await liftHold(client, trialId, step.subjectId, step.reason);
      return;
    case 'assessment':
      await onceArrived(`the treatment of ${step.subjectId} to be complete`, () => client.post('infusion', `${subject}/assessments`, step.assessment, site));
      return;
    case 'follow-up-visit':
      await client.post('infusion', `${subject}/follow-up-visits`, step.visit, site);
      return;
    case 'report-submission':
      await onceArrived(`the report clock of ${step.caseId}`, () => client.post('safety', `/trials/${trialId}/cases/${step.caseId}/report-submissions`, step.submission, MONITOR));
      return;
  }
}

/**
 * The safety monitor lifts the hold the reaction placed once reviewed, and dosing resumes only once
 * infusion tracking has the lifting (else the next infusion would count as given under the hold).
 */
async function liftHold(client: PlatformClient, trialId: string, subjectId: string, reason: string): Promise<void> {
  const [hold] = await waitUntil(`the dosing hold on ${subjectId}`, async () => {
    const holds = await client.all<{ holdId: string }>('safety', `/trials/${trialId}/dosing-holds?subjectId=${subjectId}&inPlace=true`, MONITOR);
    return holds.length ? holds : undefined;
  });
  await client.post('safety', `/trials/${trialId}/dosing-holds/${hold.holdId}/lift`, { reason }, MONITOR);
  await waitUntil(`infusion tracking to see the hold on ${subjectId} lifted`, async () => {
    const trail = await client.all<{ entity: string; after: { hold_id?: string; lifted_at?: string | null } | null }>('infusion', `/trials/${trialId}/subjects/${subjectId}/audit-trail`, DATA_MANAGER);
    return trail.some((r) => r.entity === 'dosing_hold' && r.after?.hold_id === hold.holdId && r.after.lifted_at) ? true : undefined;
  });
}
