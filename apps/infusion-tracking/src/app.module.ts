import { Module } from '@nestjs/common';
import { serviceModule } from '@trialstream/platform';
import { CreateTrialTreatmentPlan1764000000300 } from './persistence/migrations/1764000000300-create-trial-treatment-plan';
import { TrialTreatmentPlan } from './persistence/trial-treatment-plan.entity';
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
        entities: [TrialTreatmentPlan],
        migrations: [CreateTrialTreatmentPlan1764000000300],
        handlers: [ProtocolVersionPublishedHandler],
        mirrorsTrials: true,
        controllers: [TrialsController],
      },
      overrides,
    );
  }
}
