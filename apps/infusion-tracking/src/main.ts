import 'reflect-metadata';
import { runService } from '@trialstream/platform';
import { InfusionTrackingModule } from './app.module';

void runService(InfusionTrackingModule, {
  service: 'infusion-tracking',
  title: 'Trialstream infusion tracking',
  description: "Each trial's treatment plan and each enrolled subject's planned visits: infusions with dose and window, then follow-up. Infusions given and assessments are not recorded yet.",
});
