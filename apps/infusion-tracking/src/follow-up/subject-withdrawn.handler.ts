import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { SubjectWithdrawn, type EventOf } from '@trialstream/contracts';
import { EventContext, HandlesEvent } from '@trialstream/platform';
import { SubjectVisit } from '../persistence/subject-visit.entity';
import { FollowUpNotices } from './follow-up-notices.service';

/** A withdrawn subject gets no more follow-up notices: every timer of theirs is cancelled, whatever their visits' days. */
@Controller()
export class FollowUpWithdrawalHandler {
  constructor(private readonly notices: FollowUpNotices) {}

  @HandlesEvent(SubjectWithdrawn)
  async cancelNotices(@Payload() event: EventOf<typeof SubjectWithdrawn>, @Ctx() context: EventContext): Promise<void> {
    const tx = context.transaction;
    const { subjectId } = event.payload;
    const followUps = await tx.getRepository(SubjectVisit).findBy({ trialId: event.trialId, subjectId, kind: 'FOLLOW_UP' });
    for (const visit of followUps) await this.notices.cancel(tx, event.trialId, subjectId, visit.number);
  }
}
