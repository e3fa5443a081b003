import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { SubjectWithdrawn, type EventOf } from '@trialstream/contracts';
import { EventContext, HandlesEvent } from '@trialstream/platform';
import { MoreThan } from 'typeorm';
import { MissedInfusionTimers } from '../infusions/missed-infusion-timers';
import { SubjectVisit } from '../persistence/subject-visit.entity';
import { SubjectWithdrawal } from '../persistence/subject-withdrawal.entity';

/**
 * A withdrawn subject has no further visits: every visit planned after the withdrawal is cancelled,
 * no infusion counts as missed any more, and the withdrawal is kept so an enrollment arriving
 * after it plans none.
 */
@Controller()
export class SubjectWithdrawnHandler {
  constructor(private readonly missed: MissedInfusionTimers) {}

  @HandlesEvent(SubjectWithdrawn)
  async cancelVisits(@Payload() event: EventOf<typeof SubjectWithdrawn>, @Ctx() context: EventContext): Promise<void> {
    const tx = context.transaction;
    const { subjectId, withdrawnBy, reason, withdrawalDate } = event.payload;
    // The first withdrawal stands; enrollment withdraws a subject once.
    await tx
      .getRepository(SubjectWithdrawal)
      .createQueryBuilder()
      .insert()
      .values({ trialId: event.trialId, subjectId, withdrawnBy, reason, withdrawalDate, eventId: event.eventId })
      .orIgnore()
      .execute();
    await tx
      .getRepository(SubjectVisit)
      .update({ trialId: event.trialId, subjectId, plannedDate: MoreThan(withdrawalDate), status: 'PLANNED' }, { status: 'CANCELLED' });
    await this.missed.stopAll(tx, event.trialId, subjectId);
  }
}
