import { applyDecorators, type Type as ClassType } from '@nestjs/common';
import { ApiBadRequestResponse, ApiExtraModels, ApiOkResponse, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 200;

/**
 * `?limit=&offset=` of every list endpoint. Take it with `@Query() page: PageQuery`: the global
 * validation pipe fills the defaults and answers a bad value with 400 naming the field.
 */
export class PageQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE_LIMIT, default: DEFAULT_PAGE_LIMIT, description: 'Most items in the answer.' })
  @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE_LIMIT)
  limit: number = DEFAULT_PAGE_LIMIT;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, default: 0, description: 'How many items of the whole list to skip.' })
  @Type(() => Number) @IsInt() @Min(0)
  offset = 0;
}

/** One page of a list: its items, how many the whole list holds, and the window asked for. */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/** The window as TypeORM's find options take it: `repository.findAndCount({ ...pageWindow(page), order })`. */
export function pageWindow(page: PageQuery): { skip: number; take: number } {
  return { skip: page.offset, take: page.limit };
}

/** The answer from items and total, e.g. from `findAndCount`. */
export function pageOf<T>([items, total]: [T[], number], page: PageQuery): Page<T> {
  return { items, total, limit: page.limit, offset: page.offset };
}

/** OpenAPI for a list endpoint: the page shape (with the item schema when the class documents one) and the 400. */
export function ApiPageResponse(description: string, item?: ClassType<unknown>): MethodDecorator {
  const items = item ? { $ref: getSchemaPath(item) } : { type: 'object' };
  return applyDecorators(
    ...(item ? [ApiExtraModels(item)] : []),
    ApiOkResponse({
      description: `${description} One page: at most \`limit\` items (default ${DEFAULT_PAGE_LIMIT}, at most ${MAX_PAGE_LIMIT}) after \`offset\`; \`total\` counts the whole list.`,
      schema: {
        type: 'object',
        required: ['items', 'total', 'limit', 'offset'],
        properties: {
          items: { type: 'array', items },
          total: { type: 'integer', minimum: 0 },
          limit: { type: 'integer', minimum: 1, maximum: MAX_PAGE_LIMIT },
          offset: { type: 'integer', minimum: 0 },
        },
      },
    }),
    ApiBadRequestResponse({ description: '`limit` or `offset` out of range or not an integer; the answer names the field and rule.' }),
  );
}
