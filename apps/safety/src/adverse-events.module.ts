import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AlertDeliveriesModule } from './alert-deliveries/alert-deliveries.module';
import { AlertsController } from './alerts/alerts.controller';
import { SafetyAlerts } from './alerts/safety-alerts.service';
import { AdverseEventReportsHandler } from './cases/adverse-event-reports.handler';
import { CaseIntake } from './cases/case-intake.service';
import { CasesController } from './cases/cases.controller';
import { ExpeditedReportOverdueHandler } from './clocks/expedited-report-overdue.handler';
import { ReportClocks } from './clocks/report-clocks.service';
import { ReportSubmissionsController } from './clocks/report-submissions.controller';
import { DosingHolds } from './holds/dosing-holds.service';
import { HoldsController } from './holds/holds.controller';
import { AdverseEventCase } from './persistence/adverse-event-case.entity';
import { CaseVersion } from './persistence/case-version.entity';
import { DosingHold } from './persistence/dosing-hold.entity';
import { ReportClock } from './persistence/report-clock.entity';
import { ReportSubmission } from './persistence/report-submission.entity';
import { SafetyAlert } from './persistence/safety-alert.entity';

/** Adverse-event cases and what follows from them: expedited-report clocks, stopping rules and dosing holds, alerts for monitors. */
@Module({
  imports: [TypeOrmModule.forFeature([AdverseEventCase, CaseVersion, ReportClock, ReportSubmission, DosingHold, SafetyAlert]), AlertDeliveriesModule],
  controllers: [CasesController, ReportSubmissionsController, HoldsController, AlertsController, AdverseEventReportsHandler, ExpeditedReportOverdueHandler],
  providers: [CaseIntake, ReportClocks, DosingHolds, SafetyAlerts],
})
export class AdverseEventsModule {}
