import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InfusionAdministrationSubmittedHandler } from './infusion-administration-submitted.handler';
import { InfusionAdministrations } from './infusion-administrations.service';
import { InfusionsController } from './infusions.controller';
import { LastInfusionMissedHandler } from './last-infusion-missed.handler';
import { MissedInfusionTimers } from './missed-infusion-timers';
import { DosingHoldRecord } from './persistence/dosing-hold.entity';
import { InfusionAdministrationRecord } from './persistence/infusion-administration.entity';
import { ProtocolDeviationRecord } from './persistence/protocol-deviation.entity';
import { SubjectReconsent } from './persistence/subject-reconsent.entity';
import { TreatmentCompletionRecord } from './persistence/treatment-completion.entity';
import { TreatmentPlanVersion } from './persistence/treatment-plan-version.entity';
import { StandingHandlers } from './standing.handlers';
import { TreatmentCompletion } from './treatment-completion';

/** Infusions given: reports from sites, judged against the plan, deviations, missed windows, holds and re-consents, and the end of treatment. */
@Module({
  imports: [TypeOrmModule.forFeature([TreatmentPlanVersion, InfusionAdministrationRecord, ProtocolDeviationRecord, DosingHoldRecord, SubjectReconsent, TreatmentCompletionRecord])],
  controllers: [InfusionsController, InfusionAdministrationSubmittedHandler, StandingHandlers, LastInfusionMissedHandler],
  providers: [InfusionAdministrations, MissedInfusionTimers, TreatmentCompletion],
  exports: [MissedInfusionTimers],
})
export class InfusionsModule {}
