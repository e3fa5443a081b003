import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Role } from './roles';

export const ACCESS_METADATA = 'trialstream:access';
/** The OpenAPI extension listing an operation's roles; the README's authorisation table is generated from it. */
export const ALLOWED_ROLES_EXTENSION = 'x-allowed-roles';
export const OPEN_BY_SETTING_METADATA = 'trialstream:open-by-setting';

export type AccessRule = { public: true } | { public: false; roles: readonly Role[] };

/**
 * The roles that may call this route (on a handler, or a controller for all its routes). A site
 * role reaches only its own subjects: the route's `:subjectId`, or what the handler scopes itself.
 */
export function Allow(...roles: Role[]) {
  return applyDecorators(
    SetMetadata(ACCESS_METADATA, { public: false, roles } satisfies AccessRule),
    ApiExtension(ALLOWED_ROLES_EXTENSION, roles),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'No valid bearer token.' }),
    ApiForbiddenResponse({ description: "The token's role, or its sites, may not do this." }),
  );
}

/** Open to anyone, without a token (health and readiness). */
export function Public() {
  return applyDecorators(SetMetadata(ACCESS_METADATA, { public: true } satisfies AccessRule), ApiExtension(ALLOWED_ROLES_EXTENSION, ['anyone']));
}

/** Open to anyone when the named boolean setting is on (e.g. AUTH_PUBLIC_METRICS), else as @Allow says. */
export function OpenBySetting(setting: string) {
  return applyDecorators(SetMetadata(OPEN_BY_SETTING_METADATA, setting), ApiExtension('x-open-when', setting));
}
