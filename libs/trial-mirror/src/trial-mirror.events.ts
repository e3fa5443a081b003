import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { PrerequisiteMissingError, TrialRegistered, TrialStatusChanged, type EventOf } from '@trialstream/contracts';
import { EventContext, HandlesEvent } from '@trialstream/platform';
import { KnownTrial } from './known-trial.entity';

/** Keeps this service's copy of each trial's title and status in step with the registry. */
@Controller()
export class TrialMirrorEvents {
  @HandlesEvent(TrialRegistered)
  async recordTrial(@Payload() event: EventOf<typeof TrialRegistered>, @Ctx() context: EventContext): Promise<void> {
    const { trialId, briefTitle, overallStatus } = event.payload;
    await context.transaction.getRepository(KnownTrial).upsert({ trialId: trialId, briefTitle, overallStatus }, ['trialId']);
  }

  /** Events of one trial share a partition, so a status change normally follows its registration. */
  @HandlesEvent(TrialStatusChanged)
  async followStatus(@Payload() event: EventOf<typeof TrialStatusChanged>, @Ctx() context: EventContext): Promise<void> {
    const updated = await context.transaction.getRepository(KnownTrial).update({ trialId: event.payload.trialId }, { overallStatus: event.payload.to });
    if (!updated.affected) throw new PrerequisiteMissingError('trialId', 'registered', `trial ${event.payload.trialId} has not been registered here yet`);
  }
}
