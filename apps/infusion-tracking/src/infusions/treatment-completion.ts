import { Injectable } from '@nestjs/common';
import { TreatmentCompleted } from '@trialstream/contracts';
import { Clock, Outbox } from '@trialstream/platform';
import type { EntityManager } from 'typeorm';
import type { TreatmentEnd } from './domain/treatment-end';
import { TreatmentCompletionRecord, type TreatmentEndedBy } from './persistence/treatment-completion.entity';

export interface TreatedSubjectVersion {
  trialId: string;
  subjectId: string;
  protocolVersion: number;
}

/** Records the end of a subject's treatment and publishes TreatmentCompleted, the first time only. */
@Injectable()
export class TreatmentCompletion {
  constructor(
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  async complete(tx: EntityManager, { trialId, subjectId, protocolVersion }: TreatedSubjectVersion, end: TreatmentEnd, endedBy: TreatmentEndedBy): Promise<boolean> {
    const inserted = await tx
      .getRepository(TreatmentCompletionRecord)
      .createQueryBuilder()
      .insert()
      .values({ trialId, subjectId, ...end, endedBy, completedAt: this.clock.now() })
      .orIgnore()
      .returning(['subjectId'])
      .execute();
    if (inserted.raw.length === 0) return false;
    await this.outbox.enqueue(tx, TreatmentCompleted, { trialId, subjectId, payload: { subjectId, ...end, protocolVersion } });
    return true;
  }
}
