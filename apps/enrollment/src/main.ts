import 'reflect-metadata';
import { runService } from '@trialstream/platform';
import { EnrollmentModule } from './app.module';

void runService(EnrollmentModule, {
  service: 'enrollment',
  title: 'Trialstream enrollment',
  description: 'Screening, eligibility decisions, consent and enrollment of subjects.',
});
