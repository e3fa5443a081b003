import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const referenceDir = join(__dirname, '../../../apps/registry/src/reference');

/** A file of the reference trial (NCT02491658) as the registry loads it. */
export const reference = (file: string) => JSON.parse(readFileSync(join(referenceDir, file), 'utf8'));

/** The reference protocol as a sponsor would submit it (the registry numbers the version and records who published it). */
export function referenceProtocolDraft() {
  const { publishedBy: _publishedBy, ...draft } = reference('nct02491658.protocol.json');
  return draft;
}
