import { Controller, Logger } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { EnrollmentClosed, type EventOf } from '@trialstream/contracts';
import { EventContext, HandlesEvent } from '@trialstream/platform';
import { TrialRegistry } from './trial-registry.service';

/** When enrollment reaches the target, a recruiting trial stops recruiting; any other status stays. */
@Controller()
export class EnrollmentClosedHandler {
  private readonly logger = new Logger(EnrollmentClosedHandler.name);

  constructor(private readonly registry: TrialRegistry) {}

  @HandlesEvent(EnrollmentClosed)
  async closeRecruitment(@Payload() event: EventOf<typeof EnrollmentClosed>, @Ctx() context: EventContext): Promise<void> {
    const { enrolled, target } = event.payload;
    const closure = await this.registry.closeRecruitmentIn(context.transaction, { eventId: event.eventId, trialId: event.trialId, enrolled, target });
    if (closure.outcome === 'NOT_APPLIED') {
      this.logger.warn({ message: 'enrollment closed; trial status not changed', trialId: closure.trialId, status: closure.trialStatus, reason: closure.reason });
    }
  }
}
