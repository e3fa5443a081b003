import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { SubjectWithdrawn, type EventOf } from '@trialstream/contracts';
import { EventContext, HandlesEvent } from '@trialstream/platform';
import { MoreThan } from 'typeorm';
import { SubjectVisit } from '../persistence/subject-visit.entity';

/** A withdrawn subject has no further visits: every visit planned after the withdrawal is cancelled. */
@Controller()
export class SubjectWithdrawnHandler {
  @HandlesEvent(SubjectWithdrawn)
  async cancelVisits(@Payload() event: EventOf<typeof SubjectWithdrawn>, @Ctx() context: EventContext): Promise<void> {
    const tx = context.transaction;
    const { subjectId, withdrawalDate } = event.payload;
    await tx
      .getRepository(SubjectVisit)
      .update({ trialId: event.trialId, subjectId, plannedDate: MoreThan(withdrawalDate), status: 'PLANNED' }, { status: 'CANCELLED' });
  }
}
