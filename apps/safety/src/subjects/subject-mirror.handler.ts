import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { PrerequisiteMissingError, SubjectEnrolled, SubjectWithdrawn, type EventOf } from '@trialstream/contracts';
import { EventContext, HandlesEvent } from '@trialstream/platform';
import { KnownSubject } from '../persistence/known-subject.entity';

/** Keeps the subjects enrolled in each trial, and their sites: adverse events are reported of known subjects. */
@Controller()
export class SubjectMirrorHandler {
  @HandlesEvent(SubjectEnrolled)
  async recordSubject(@Payload() event: EventOf<typeof SubjectEnrolled>, @Ctx() context: EventContext): Promise<void> {
    const { subjectId, siteId } = event.payload;
    await context.transaction.getRepository(KnownSubject).upsert({ trialId: event.trialId, subjectId, siteId }, ['trialId', 'subjectId']);
  }

  /** A subject's events share a partition, so the withdrawal normally follows the enrollment. */
  @HandlesEvent(SubjectWithdrawn)
  async recordWithdrawal(@Payload() event: EventOf<typeof SubjectWithdrawn>, @Ctx() context: EventContext): Promise<void> {
    const { subjectId, withdrawalDate } = event.payload;
    const updated = await context.transaction.getRepository(KnownSubject).update({ trialId: event.trialId, subjectId }, { withdrawalDate });
    if (!updated.affected) throw new PrerequisiteMissingError('subjectId', 'enrolled', `subject ${subjectId} of trial ${event.trialId} has not been enrolled here yet`);
  }
}
