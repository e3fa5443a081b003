import { Injectable } from '@nestjs/common';
import { TrialRegistered } from '@trialstream/contracts';
import { Outbox } from '@trialstream/platform';
import { DataSource } from 'typeorm';
import { trialRegistration, type CtGovStudy, type ProtocolDraft } from '../domain/registry-record';
import { TrialRecord } from '../persistence/trial.entity';

@Injectable()
export class TrialRegistrationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  /**
   * Registers a trial and enqueues TrialRegistered in the same transaction. Registering a trial that
   * is already there changes nothing and returns false.
   */
  async register(study: CtGovStudy, protocol?: ProtocolDraft): Promise<boolean> {
    const registration = trialRegistration(study, protocol);
    return this.dataSource.transaction(async (tx) => {
      const inserted = await tx
        .createQueryBuilder()
        .insert()
        .into(TrialRecord)
        .values({
          nctId: registration.nctId,
          briefTitle: registration.briefTitle,
          overallStatus: registration.overallStatus,
          phases: registration.phases,
          registryRecord: study,
          protocol: registration.protocol ?? null,
        })
        .orIgnore()
        .returning('nct_id')
        .execute();
      if ((inserted.raw as unknown[]).length === 0) return false;
      await this.outbox.enqueue(tx, TrialRegistered, { trialId: registration.nctId, payload: registration });
      return true;
    });
  }
}
