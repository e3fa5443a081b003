import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
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

  async onApplicationBootstrap() {
    const study = referenceStudy as CtGovStudy;
    const nctId = study.protocolSection.identificationModule.nctId;
    if (!(await this.registry.isRegistered(nctId))) {
      await this.registry.importStudy(study, referenceProtocol as PublishProtocolRequest);
      this.logger.log({ message: 'reference trial registered with protocol version 1', nctId });
    }
    for (const related of relatedTrials as RegisterTrialRequest[]) {
      if (await this.registry.isRegistered(related.nctId)) continue;
      await this.registry.registerByTitle(related);
      this.logger.log({ message: 'related trial registered by id and title', nctId: related.nctId });
    }
  }
}
