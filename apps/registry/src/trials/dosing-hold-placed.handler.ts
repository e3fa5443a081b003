import { Controller, Logger } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { DosingHoldPlaced, type EventOf } from '@trialstream/contracts';
import { EventContext, HandlesEvent } from '@trialstream/platform';
import { TrialRegistry } from './trial-registry.service';

/** A trial-wide dosing hold from safety suspends the trial; a subject's hold is infusion tracking's business, not the registry's. */
@Controller()
export class DosingHoldPlacedHandler {
  private readonly logger = new Logger(DosingHoldPlacedHandler.name);

  constructor(private readonly registry: TrialRegistry) {}

  @HandlesEvent(DosingHoldPlaced)
  async suspendTrial(@Payload() event: EventOf<typeof DosingHoldPlaced>, @Ctx() context: EventContext): Promise<void> {
    if (event.payload.scope !== 'TRIAL') return;
    const record = await this.registry.suspendForDosingHoldIn(context.transaction, event.trialId, event.payload);
    if (record.outcome === 'NOT_APPLIED') {
      this.logger.warn({ message: 'trial-wide dosing hold; trial status not changed', trialId: record.trialId, status: record.trialStatus, reason: record.notAppliedReason });
    }
  }
}
