import { ForbiddenException, Injectable, Optional, ServiceUnavailableException, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { currentCorrelation } from '../context/correlation';
import { ACCESS_METADATA, OPEN_BY_SETTING_METADATA, type AccessRule } from './access';
import type { AuthenticatedRequest } from './current-actor';
import type { Actor } from './roles';
import { assertOwnSite, SITE_SCOPE_METADATA, SubjectSites, type SiteScope } from './site-scope';
import { bearerTokenOf, TokenKeysUnavailable, TokenRefused, TokenVerifier } from './token-verifier';

export interface AuthSettings {
  /** Route settings (see OpenBySetting) that are switched on, opening those routes to anyone. */
  openSettings: ReadonlySet<string>;
}

/**
 * Every HTTP route: a verified bearer token whose role the route allows (401 without one, 403 for
 * a role or site it does not allow); routes declare their roles with @Allow, or @Public. A route
 * with no declaration is refused to everyone, so a forgotten one fails closed.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    private readonly settings: AuthSettings,
    @Optional() private readonly subjectSites?: SubjectSites,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Event handlers on the Kafka transport are not requests: their producers are services.
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, targets);
    const openBy = this.reflector.getAllAndOverride<string | undefined>(OPEN_BY_SETTING_METADATA, targets);
    if (rule?.public || (openBy && this.settings.openSettings.has(openBy))) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const actor = await this.authenticate(request);
    if (!rule || !rule.roles.includes(actor.role as never)) throw new ForbiddenException(`the ${actor.role} role may not do this`);
    if (actor.role === 'site') await this.checkSite(actor, request, this.reflector.getAllAndOverride<SiteScope | undefined>(SITE_SCOPE_METADATA, targets));

    request.actor = actor;
    const correlation = currentCorrelation();
    if (correlation) correlation.actor = actor;
    return true;
  }

  private async authenticate(request: AuthenticatedRequest): Promise<Actor> {
    const token = bearerTokenOf(request.header('authorization'));
    if (!token) throw new UnauthorizedException('a bearer token is required');
    try {
      return await this.verifier.verify(token);
    } catch (error) {
      if (error instanceof TokenRefused) throw new UnauthorizedException(error.message);
      if (error instanceof TokenKeysUnavailable) throw new ServiceUnavailableException('tokens cannot be verified now: the identity provider\'s keys are out of reach');
      throw error;
    }
  }

  private async checkSite(actor: Actor, request: AuthenticatedRequest, declared: SiteScope | undefined): Promise<void> {
    const { trialId, subjectId } = request.params as Record<string, string>;
    if (declared === 'handler' || declared === 'trial-wide') return;
    if (declared === undefined) {
      if (!subjectId) throw new ForbiddenException('the site role may not do this');
      return assertOwnSite(actor, await this.siteOf(trialId, subjectId));
    }
    // A missing field is the request's error, which validation names.
    const body = (request.body ?? {}) as Record<string, unknown>;
    const site = declared.bodySite === undefined ? undefined : body[declared.bodySite];
    if (site !== undefined) assertOwnSite(actor, typeof site === 'string' ? site : null);
    const subject = declared.bodySubject === undefined ? undefined : body[declared.bodySubject];
    if (subject === undefined) return;
    const subjectSite = await this.siteOf(trialId, subject);
    // A subject new here may be placed at one of the token's sites (checked above); a known one must be there already.
    if (subjectSite !== null || declared.bodySite === undefined) assertOwnSite(actor, subjectSite);
  }

  private async siteOf(trialId: string, subjectId: unknown): Promise<string | null> {
    return typeof subjectId === 'string' && this.subjectSites ? this.subjectSites.siteOf(trialId, subjectId) : null;
  }
}
