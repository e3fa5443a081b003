import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InfusionAdministrationSubmittedHandler } from './infusion-administration-submitted.handler';
import { InfusionAdministrations } from './infusion-administrations.service';
import { InfusionsController } from './infusions.controller';
import { MissedInfusionTimers } from './missed-infusion-timers';
import { DosingHoldRecord } from './persistence/dosing-hold.entity';
import { InfusionAdministrationRecord } from './persistence/infusion-administration.entity';
import { ProtocolDeviationRecord } from './persistence/protocol-deviation.entity';
import { SubjectReconsent } from './persistence/subject-reconsent.entity';
import { TreatmentPlanVersion } from './persistence/treatment-plan-version.entity';
import { StandingHandlers } from './standing.handlers';

/** Infusions given: reports from sites, judged against the plan, deviations, missed windows, holds and re-consents. */
@Module({
  imports: [TypeOrmModule.forFeature([TreatmentPlanVersion, InfusionAdministrationRecord, ProtocolDeviationRecord, DosingHoldRecord, SubjectReconsent])],
  controllers: [InfusionsController, InfusionAdministrationSubmittedHandler, StandingHandlers],
  providers: [InfusionAdministrations, MissedInfusionTimers],
  exports: [MissedInfusionTimers],
})
export class InfusionsModule {}
