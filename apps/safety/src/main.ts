import 'reflect-metadata';
import { runService } from '@trialstream/platform';
import { SafetyModule } from './app.module';

void runService(SafetyModule, {
  service: 'safety',
  title: 'Trialstream adverse-event safety',
  description: 'Adverse events, grading, stopping rules and expedited-report clocks.',
});
