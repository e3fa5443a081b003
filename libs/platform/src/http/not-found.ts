import { NotFoundException } from '@nestjs/common';

/** Returns the record, or answers 404 naming what was looked for. */
export function foundOr404<T>(record: T | null | undefined, what: string): T {
  if (record === null || record === undefined) throw new NotFoundException(`${what} was not found`);
  return record;
}
