import { Module } from '@nestjs/common';
import { serviceModule } from '@trialstream/platform';
import { CreateTrialTreatmentPlan1764000000300 } from './persistence/migrations/1764000000300-create-trial-treatment-plan';
import { CreateSubjectVisit1764000000310 } from './persistence/migrations/1764000000310-create-subject-visit';
import { SubjectVisit } from './persistence/subject-visit.entity';
import { TrialTreatmentPlan } from './persistence/trial-treatment-plan.entity';
import { SubjectEnrolledHandler } from './subjects/subject-enrolled.handler';
import { SubjectWithdrawnHandler } from './subjects/subject-withdrawn.handler';
import { VisitsController } from './subjects/visits.controller';
import { ProtocolVersionPublishedHandler } from './trials/protocol-version-published.handler';
import { TrialsController } from './trials/trials.controller';

/** Infusion tracking: infusion schedules, doses given, assessments and follow-up visits. */
@Module({})
export class InfusionTrackingModule {
  static register(overrides?: Record<string, string>) {
    return serviceModule(
      InfusionTrackingModule,
      {
        service: 'infusion-tracking',
        defaultHttpPort: 3003,
        entities: [TrialTreatmentPlan, SubjectVisit],
        migrations: [CreateTrialTreatmentPlan1764000000300, CreateSubjectVisit1764000000310],
        handlers: [ProtocolVersionPublishedHandler, SubjectEnrolledHandler, SubjectWithdrawnHandler],
        mirrorsTrials: true,
        controllers: [TrialsController, VisitsController],
      },
      overrides,
    );
  }
}
