import { Injectable } from '@nestjs/common';
import { TrialRegistered, type EventOf, type TrialRegisteredPayload } from '@trialstream/contracts';
import type { EventHandler } from '@trialstream/platform';
import type { EntityManager } from 'typeorm';
import { treatmentPlanFrom } from '../domain/treatment-plan';
import { TrialTreatmentPlan } from '../persistence/trial-treatment-plan.entity';

@Injectable()
export class TrialRegisteredHandler implements EventHandler<TrialRegisteredPayload> {
  readonly contract = TrialRegistered;

  async handle(event: EventOf<typeof TrialRegistered>, tx: EntityManager): Promise<void> {
    const plan = treatmentPlanFrom(event.payload);
    if (plan) await tx.getRepository(TrialTreatmentPlan).upsert(plan, ['trialId']);
  }
}
