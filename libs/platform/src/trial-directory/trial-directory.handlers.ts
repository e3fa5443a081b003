import { Injectable } from '@nestjs/common';
import {
  TrialRegistered, TrialStatusChanged, type EventOf, type TrialRegisteredPayload, type TrialStatusChangedPayload,
} from '@trialstream/contracts';
import type { EntityManager } from 'typeorm';
import type { EventHandler } from '../messaging/event-handler';
import { KnownTrial } from './known-trial.entity';

@Injectable()
export class KnownTrialRegistration implements EventHandler<TrialRegisteredPayload> {
  readonly contract = TrialRegistered;

  async handle(event: EventOf<typeof TrialRegistered>, tx: EntityManager): Promise<void> {
    const { nctId, briefTitle, overallStatus } = event.payload;
    await tx.getRepository(KnownTrial).upsert({ trialId: nctId, briefTitle, overallStatus }, ['trialId']);
  }
}

@Injectable()
export class KnownTrialStatusChange implements EventHandler<TrialStatusChangedPayload> {
  readonly contract = TrialStatusChanged;

  /** Events of one trial share a partition, so a status change never overtakes its registration. */
  async handle(event: EventOf<typeof TrialStatusChanged>, tx: EntityManager): Promise<void> {
    const updated = await tx.getRepository(KnownTrial).update({ trialId: event.payload.nctId }, { overallStatus: event.payload.to });
    if (!updated.affected) throw new Error(`TrialStatusChanged for ${event.payload.nctId}, which was never registered here`);
  }
}
