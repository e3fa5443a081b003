import { IsNull, Not, type EntityManager } from 'typeorm';
import { SubjectRecord } from './subject.entity';

/** Subjects ever enrolled in the trial, withdrawn ones included: the number the target counts. */
export function enrolledCount(tx: EntityManager, trialId: string): Promise<number> {
  return tx.getRepository(SubjectRecord).countBy({ trialId, enrollmentNumber: Not(IsNull()) });
}
