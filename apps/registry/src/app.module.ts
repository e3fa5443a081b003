import { Module } from '@nestjs/common';
import { ServiceRuntimeModule } from '@trialstream/platform';
import { TrialsModule } from './trials/trials.module';
import { REGISTRY_MIGRATIONS } from './persistence/migrations';

/** Registry: the source of truth for what a trial is, which protocol it runs on, and its status. */
@Module({
  imports: [ServiceRuntimeModule.forRoot({ service: 'registry', defaultHttpPort: 3001, migrations: REGISTRY_MIGRATIONS }), TrialsModule],
})
export class RegistryModule {}
