import type { DynamicModule, Provider, Type } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ServiceRuntimeModule, type ServiceRuntimeOptions } from './service-runtime.module';

export interface ServiceSpec extends Omit<ServiceRuntimeOptions, 'overrides' | 'entities'> {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[];
  controllers?: Type<unknown>[];
  providers?: Provider[];
}

/** A service's root module: the shared runtime plus the service's own entities, controllers and providers. */
export function serviceModule(module: Type<unknown>, spec: ServiceSpec, overrides?: Record<string, string>): DynamicModule {
  const { controllers = [], providers = [], ...runtime } = spec;
  return {
    module,
    imports: [ServiceRuntimeModule.forService({ ...runtime, overrides }), TypeOrmModule.forFeature(spec.entities)],
    controllers,
    providers,
  };
}
