import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { RuleViolationError } from '@trialstream/contracts';
import { runWithCorrelation } from '@trialstream/platform';
import type { CtGovStudy } from '../domain/ctgov-study';
import referenceStudy from '../reference/nct02491658.ctgov.json';
import referenceProtocol from '../reference/nct02491658.protocol.json';
import relatedTrials from '../reference/related-trials.json';
import type { PublishProtocolRequest, RegisterTrialRequest } from './dto/requests';
import { TrialRegistry } from './trial-registry.service';

/**
 * Loads the reference trial NCT02491658 (record and protocol version 1) and the related trials its
 * record names (by id and title) on first start; later starts find them registered.
 */
@Injectable()
export class ReferenceTrialsLoader implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReferenceTrialsLoader.name);

  constructor(private readonly registry: TrialRegistry) {}

  /** The registry itself registers them: its audit records say so. */
  onApplicationBootstrap(): Promise<void> {
    return runWithCorrelation({ correlationId: randomUUID(), actor: { subject: 'registry', role: 'service' } }, () => this.load());
  }

  private async load() {
    const study = referenceStudy as CtGovStudy;
    const trialId = study.protocolSection.identificationModule.nctId;
    const { publishedBy, ...request } = referenceProtocol;
    await this.once(trialId, 'reference trial registered with protocol version 1', () =>
      this.registry.importStudy(study, { request: request as PublishProtocolRequest, publishedBy }),
    );
    for (const related of relatedTrials as RegisterTrialRequest[]) {
      await this.once(related.trialId, 'related trial registered by id and title', () => this.registry.registerByTitle(related));
    }
  }

  /** Another instance starting at the same time may register it first; that is fine. */
  private async once(trialId: string, done: string, register: () => Promise<unknown>) {
    if (await this.registry.isRegistered(trialId)) return;
    try {
      await register();
      this.logger.log({ message: done, trialId });
    } catch (error) {
      if (!(error instanceof RuleViolationError && error.kind === 'conflict')) throw error;
    }
  }
}
