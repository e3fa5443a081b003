import { applyDecorators, ForbiddenException, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { DataSource, EntityTarget } from 'typeorm';
import type { Actor } from './roles';

export const SITE_SCOPE_METADATA = 'trialstream:site-scope';

/**
 * How a route open to the site role keeps a site to its own subjects. Without this, a route with a
 * `:subjectId` is scoped by that subject's site and any other route is refused to sites.
 * - bodySite: the request body's site field must be one of the token's sites;
 * - bodySubject: the subject named in the body must be at one of the token's sites (with bodySite
 *   too, a subject not known yet may be placed at one of them);
 * - handler: the handler filters or checks with `assertOwnSite` itself;
 * - trial-wide: the route shows the trial's own set-up (protocol parts), no subject's data.
 */
export type SiteScope = { bodySite?: string; bodySubject?: string } | 'handler' | 'trial-wide';

export function SiteScoped(scope: SiteScope) {
  return applyDecorators(SetMetadata(SITE_SCOPE_METADATA, scope), ApiExtension(SITE_SCOPE_EXTENSION, siteScopeLabel(scope)));
}

/** The OpenAPI extension saying how far a site token reaches on an operation (the README's table shows it). */
export const SITE_SCOPE_EXTENSION = 'x-site-scope';

function siteScopeLabel(scope: SiteScope): string {
  if (scope === 'trial-wide') return 'trial-wide';
  return typeof scope === 'object' && scope.bodySite && !scope.bodySubject ? 'own sites' : 'own subjects';
}

/** Where a service knows its subjects' sites; provided by each service that holds subjects. */
export abstract class SubjectSites {
  /** The site a subject is at, or null if this service does not know the subject. */
  abstract siteOf(trialId: string, subjectId: string): Promise<string | null>;
}

/** An entity a service keeps per subject with the subject's site. */
export interface SubjectAtSite {
  trialId: string;
  subjectId: string;
  siteId: string;
}

/** Subjects' sites read from one of the service's own entities. */
export class EntitySubjectSites extends SubjectSites {
  constructor(
    private readonly dataSource: DataSource,
    private readonly entity: EntityTarget<SubjectAtSite>,
  ) {
    super();
  }

  async siteOf(trialId: string, subjectId: string): Promise<string | null> {
    const found = await this.dataSource.getRepository(this.entity).findOne({ where: { trialId, subjectId }, select: { siteId: true } });
    return found?.siteId ?? null;
  }
}

const NOT_YOUR_SUBJECT = "the subject is not at one of your token's sites";

/** Refuses a site-role actor a subject at another site (or none); any other role passes. */
export function assertOwnSite(actor: Actor | undefined, siteId: string | null | undefined): void {
  if (actor?.role !== 'site') return;
  if (!siteId || !actor.sites?.includes(siteId)) throw new ForbiddenException(NOT_YOUR_SUBJECT);
}

/** The sites a list must be narrowed to for this actor; undefined when it sees every site. */
export function sitesVisibleTo(actor: Actor | undefined): readonly string[] | undefined {
  return actor?.role === 'site' ? (actor.sites ?? []) : undefined;
}
