import { Module } from '@nestjs/common';
import { ServiceRuntimeModule } from '@trialstream/platform';
import { TrialMirrorModule } from '@trialstream/trial-mirror';
import { AdverseEventsModule } from './adverse-events.module';
import { SAFETY_ENV_DEFAULTS, SafetyEnv } from './alert-deliveries/safety-env';
import { DashboardModule } from './dashboard/dashboard.module';
import { SAFETY_MIGRATIONS } from './persistence/migrations';
import { KnownSubject } from './persistence/known-subject.entity';
import { SubjectsModule } from './subjects/subjects.module';
import { SafetyPolicyModule } from './trials/safety-policy.module';

/** Adverse-event safety: case intake and versions, classification, expedited-report clocks, stopping rules, dosing holds, alerts and their delivery to subscribed endpoints, and the safety monitor's dashboard. */
@Module({
  imports: [
    ServiceRuntimeModule.forRoot({
      service: 'safety',
      defaultHttpPort: 3004,
      migrations: SAFETY_MIGRATIONS,
      subjectSiteEntity: KnownSubject,
      env: { schema: SafetyEnv, defaults: SAFETY_ENV_DEFAULTS },
    }),
    TrialMirrorModule,
    SafetyPolicyModule,
    SubjectsModule,
    AdverseEventsModule,
    DashboardModule,
  ],
})
export class SafetyModule {}
