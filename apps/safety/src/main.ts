import 'reflect-metadata';
import { runService } from '@trialstream/platform';
import { SafetyModule } from './app.module';

void runService(SafetyModule, {
  service: 'safety',
  title: 'Trialstream adverse-event safety',
  description: "Each trial's stopping rules and expedited-reporting clocks, from its protocol. Adverse events, grading and reports are not built yet.",
});
