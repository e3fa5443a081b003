import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { CtGovStudy, ProtocolDraft } from '../domain/registry-record';
import referenceStudy from '../reference/nct02491658.ctgov.json';
import referenceProtocol from '../reference/nct02491658.protocol.json';
import { TrialRegistrationService } from './trial-registration.service';

/** Loads the platform's reference trial (NCT02491658) on first start; later starts find it there. */
@Injectable()
export class ReferenceTrialsLoader implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReferenceTrialsLoader.name);

  constructor(private readonly registration: TrialRegistrationService) {}

  async onApplicationBootstrap() {
    const study = referenceStudy as CtGovStudy;
    const registered = await this.registration.register(study, referenceProtocol as ProtocolDraft);
    const nctId = study.protocolSection.identificationModule.nctId;
    this.logger.log({ message: registered ? 'reference trial registered' : 'reference trial already registered', nctId });
  }
}
