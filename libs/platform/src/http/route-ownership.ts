import { Injectable, RequestMethod, type OnModuleInit, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';

const paths = (value: string | string[] | undefined) => (Array.isArray(value) ? value : [value ?? '']);

/** `trials/:trialId` and `/trials/:trialId/` are the same route to Express. */
const normalised = (path: string) =>
  `/${path.split('/').filter(Boolean).map((part) => (part.startsWith(':') ? ':param' : part)).join('/')}`;

/** Every route declared by more than one controller method, e.g. `GET /trials/:param: KnownTrialsController.get, TrialsController.get`. */
export function duplicateRoutes(controllers: Type<unknown>[], scanner = new MetadataScanner()): string[] {
  const owners = new Map<string, string[]>();
  for (const controller of new Set(controllers)) {
    for (const name of scanner.getAllMethodNames(controller.prototype)) {
      const handler = controller.prototype[name];
      const method: RequestMethod | undefined = Reflect.getMetadata(METHOD_METADATA, handler);
      if (method === undefined) continue; // an event handler or a plain method
      for (const prefix of paths(Reflect.getMetadata(PATH_METADATA, controller))) {
        for (const path of paths(Reflect.getMetadata(PATH_METADATA, handler))) {
          const route = `${RequestMethod[method]} ${normalised(`${prefix}/${path}`)}`;
          owners.set(route, [...(owners.get(route) ?? []), `${controller.name}.${name}`]);
        }
      }
    }
  }
  return [...owners].filter(([, declaredBy]) => declaredBy.length > 1).map(([route, declaredBy]) => `${route}: ${declaredBy.join(', ')}`);
}

/**
 * One owner per route: Express would silently serve only the first of two controllers declaring
 * the same route (a library's and the service's, say), so a service refuses to start with one.
 */
@Injectable()
export class RouteOwnership implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  onModuleInit(): void {
    const controllers = this.discovery.getControllers().flatMap((wrapper) => (wrapper.metatype ? [wrapper.metatype as Type<unknown>] : []));
    const duplicates = duplicateRoutes(controllers, this.scanner);
    if (duplicates.length > 0) throw new Error(`routes declared by more than one controller: ${duplicates.join('; ')}`);
  }
}
