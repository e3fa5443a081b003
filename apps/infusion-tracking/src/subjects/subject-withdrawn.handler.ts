import { Injectable } from '@nestjs/common';
import { SubjectWithdrawn, type EventOf, type SubjectWithdrawnPayload } from '@trialstream/contracts';
import type { EventHandler } from '@trialstream/platform';
import { MoreThan, type EntityManager } from 'typeorm';
import { SubjectVisit } from '../persistence/subject-visit.entity';

/** A withdrawn subject has no further visits: every visit planned after the withdrawal is cancelled. */
@Injectable()
export class SubjectWithdrawnHandler implements EventHandler<SubjectWithdrawnPayload> {
  readonly contract = SubjectWithdrawn;

  async handle(event: EventOf<typeof SubjectWithdrawn>, tx: EntityManager): Promise<void> {
    const { subjectId, withdrawalDate } = event.payload;
    await tx
      .getRepository(SubjectVisit)
      .update({ trialId: event.trialId, subjectId, plannedDate: MoreThan(withdrawalDate), status: 'PLANNED' }, { status: 'CANCELLED' });
  }
}
