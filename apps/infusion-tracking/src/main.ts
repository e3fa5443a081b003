import 'reflect-metadata';
import { runService } from '@trialstream/platform';
import { InfusionTrackingModule } from './app.module';

void runService(InfusionTrackingModule, {
  service: 'infusion-tracking',
  title: 'Trialstream infusion tracking',
  description: 'Infusion schedules and visit windows, doses administered, assessments and follow-up.',
});
