import { Controller, Logger } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { EnrollmentClosed, type EventOf } from '@trialstream/contracts';
import { EventContext, HandlesEvent } from '@trialstream/platform';
import { allowedNextStatuses } from '../domain/trial-status-machine';
import { TrialRecord } from '../persistence/trial.entity';
import { TrialRegistry } from './trial-registry.service';

/** When enrollment reaches the target, the trial stops recruiting (if its status allows that move). */
@Controller()
export class EnrollmentClosedHandler {
  private readonly logger = new Logger(EnrollmentClosedHandler.name);

  constructor(private readonly registry: TrialRegistry) {}

  @HandlesEvent(EnrollmentClosed)
  async closeRecruitment(@Payload() event: EventOf<typeof EnrollmentClosed>, @Ctx() context: EventContext): Promise<void> {
    const tx = context.transaction;
    const trial = await tx.getRepository(TrialRecord).findOneByOrFail({ nctId: event.trialId });
    if (!allowedNextStatuses(trial.overallStatus).includes('ACTIVE_NOT_RECRUITING')) {
      this.logger.warn({ message: 'enrollment closed but the trial status does not move', nctId: trial.nctId, status: trial.overallStatus });
      return;
    }
    const { enrolled, target } = event.payload;
    await this.registry.changeStatusIn(tx, trial.nctId, {
      status: 'ACTIVE_NOT_RECRUITING',
      reason: `enrollment target reached (${enrolled} of ${target} subjects)`,
      changedBy: 'enrollment service',
    });
  }
}
