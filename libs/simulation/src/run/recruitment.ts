import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { addDays, TOPICS } from '@trialstream/contracts';
import type { SimulationPlan } from '../plan/trial-plan';
import { atSite, SPONSOR } from './callers';
import { HttpError, waitUntil, type PlatformClient } from './platform-client';

/** The broker the sponsor's ingress topic is on, and the prefix of the platform's topics there. */
export interface IngressBroker {
  brokers: string[];
  topicPrefix: string;
}

/** Screening on the ingress topic, then consent and enrollment over HTTP up to the target. */
export async function recruit(client: PlatformClient, kafka: IngressBroker, trialId: string, plan: SimulationPlan, moveClocks: (day: number) => Promise<unknown>, tick: () => void): Promise<void> {
  await client.post('registry', `/trials/${trialId}/status`, { status: 'RECRUITING', reason: 'recruitment opens (simulation)' }, SPONSOR);
  await waitUntil('enrollment to see the trial recruiting', async () => ((await client.get<{ overallStatus: string }>('enrollment', `/trials/${trialId}`, SPONSOR)).overallStatus === 'RECRUITING' ? true : undefined));
  await moveClocks(plan.screeningDay);
  await submitScreenings(kafka, trialId, plan);
  await waitUntil('every screening judged', async () => ((await client.get<{ total: number }>('enrollment', `/trials/${trialId}/subjects?limit=1`, SPONSOR)).total === plan.candidates.length ? true : undefined));

  await moveClocks(plan.consentDay);
  const site = atSite(plan.siteId, 'investigator');
  for (const { screening, fate } of plan.candidates) {
    tick();
    if (fate === 'SCREEN_FAILED' || fate === 'DECLINED') continue;
    const subject = `/trials/${trialId}/subjects/${screening.subjectId}`;
    await client.post('enrollment', `${subject}/consent`, { consentVersion: plan.consentVersion, consentDate: addDays(plan.day0, plan.consentDay) }, site);
    try {
      await client.post('enrollment', `${subject}/enrollment`, { plannedFirstInfusionDate: plan.day0 }, site);
    } catch (error) {
      // The plan's last candidate comes after the target: enrollment refuses them, as it should.
      if (!(fate === 'REFUSED_AT_TARGET' && error instanceof HttpError && error.status === 409)) throw error;
    }
  }
  for (const { screening } of plan.candidates.filter((c) => c.fate === 'ENROLLED')) {
    await waitUntil(`the visits of ${screening.subjectId}`, async () => ((await client.get<unknown[]>('infusion', `/trials/${trialId}/subjects/${screening.subjectId}/visits`, SPONSOR)).length ? true : undefined));
  }
}

async function submitScreenings(options: IngressBroker, trialId: string, plan: SimulationPlan): Promise<void> {
  const kafka = new Kafka({ clientId: 'trialstream-simulation', brokers: options.brokers, logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    const occurredAt = new Date().toISOString();
    const messages = plan.candidates.map(({ screening }) => ({
      key: screening.subjectId,
      value: JSON.stringify({
        eventId: randomUUID(), type: 'ScreeningSubmitted', version: 1, occurredAt, producer: 'sponsor site system (simulation)',
        trialId, subjectId: screening.subjectId, correlationId: `simulation-${plan.seed}-${screening.subjectId}`, payload: screening,
      }),
    }));
    await producer.send({ topic: `${options.topicPrefix}${TOPICS.sponsorIngress.name}`, messages, acks: -1 });
  } finally {
    await producer.disconnect();
  }
}
