import type { DynamicModule, Provider, Type } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AnyEventHandler } from './messaging/event-handler';
import { ServiceRuntimeModule, type ServiceRuntimeOptions } from './service-runtime.module';
import { KnownTrial } from './trial-directory/known-trial.entity';
import { KnownTrial1764000000010 } from './trial-directory/known-trial.migration';
import { KnownTrialRegistration, KnownTrialStatusChange } from './trial-directory/trial-directory.handlers';
import { KnownTrialsController } from './trial-directory/known-trials.controller';

export interface ServiceSpec extends Omit<ServiceRuntimeOptions, 'overrides' | 'entities'> {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[];
  controllers?: Type<unknown>[];
  providers?: Provider[];
  /** Keep a copy of every trial's title and status from the registry's events (GET /trials/:trialId). */
  mirrorsTrials?: boolean;
}

/** A service's root module: the shared runtime plus the service's own entities, controllers and providers. */
export function serviceModule(module: Type<unknown>, spec: ServiceSpec, overrides?: Record<string, string>): DynamicModule {
  const { controllers = [], providers = [], mirrorsTrials = false, ...runtime } = spec;
  const mirror = mirrorsTrials
    ? { entities: [KnownTrial], migrations: [KnownTrial1764000000010], handlers: [KnownTrialRegistration, KnownTrialStatusChange], controllers: [KnownTrialsController] }
    : { entities: [], migrations: [], handlers: [] as Type<AnyEventHandler>[], controllers: [] };
  const entities = [...mirror.entities, ...spec.entities];
  return {
    module,
    imports: [
      ServiceRuntimeModule.forService({
        ...runtime,
        entities,
        migrations: [...mirror.migrations, ...runtime.migrations],
        handlers: [...mirror.handlers, ...(runtime.handlers ?? [])],
        overrides,
      }),
      TypeOrmModule.forFeature(entities),
    ],
    controllers: [...mirror.controllers, ...controllers],
    providers: [...providers, ...mirror.handlers, ...(runtime.handlers ?? [])],
  };
}
