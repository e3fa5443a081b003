import 'reflect-metadata';
import { runService } from '@trialstream/platform';
import { RegistryModule } from './app.module';

void runService(RegistryModule, {
  service: 'registry',
  title: 'Trialstream registry',
  description: 'Trials, their registry records and executable protocols.',
});
