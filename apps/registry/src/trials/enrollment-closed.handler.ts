import { Injectable, Logger } from '@nestjs/common';
import { EnrollmentClosed, type EnrollmentClosedPayload, type EventOf } from '@trialstream/contracts';
import type { EventHandler } from '@trialstream/platform';
import type { EntityManager } from 'typeorm';
import { allowedNextStatuses } from '../domain/trial-status-machine';
import { TrialRecord } from '../persistence/trial.entity';
import { TrialRegistry } from './trial-registry.service';

/** When enrollment reaches the target, the trial stops recruiting (if its status allows that move). */
@Injectable()
export class EnrollmentClosedHandler implements EventHandler<EnrollmentClosedPayload> {
  readonly contract = EnrollmentClosed;
  private readonly logger = new Logger(EnrollmentClosedHandler.name);

  constructor(private readonly registry: TrialRegistry) {}

  async handle(event: EventOf<typeof EnrollmentClosed>, tx: EntityManager): Promise<void> {
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
